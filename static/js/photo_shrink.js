/* Shrinks a large photo in the browser before it is sent, so that a weak signal carries a few hundred KB instead of
   the camera's 5 MB. Progressive enhancement only: without this file (or in an old browser) the photo is sent as
   taken and the server re-encodes it all the same (registry/attachments/processing.py).
   A photo chosen in a file input marked `data-shrink` and larger than LIMIT is drawn with its longest side at most
   LONGEST pixels and put back in the input as a JPEG (quality 0.8), through DataTransfer. A form sent while a photo
   is being shrunk waits for it, then goes. The photo is decoded with createImageBitmap (or read as a data: URL),
   never loaded from a blob: address, which the site's Content-Security-Policy does not allow. */
(function () {
  var LIMIT = 600 * 1024, LONGEST = 1600, QUALITY = 0.8;
  var canvas = document.createElement("canvas");
  if (!window.DataTransfer || !canvas.toBlob) return;
  var SHRINKING = "Foto sedang diperkecil sebelum dikirim…";

  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () { return createImageBitmap(file); });
    }
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        var image = new Image();
        image.onload = function () { resolve(image); };
        image.onerror = reject;
        image.src = reader.result;
      };
      reader.onerror = reject;
      reader.readAsDataURL(file);
    });
  }

  function shrunk(file) {
    return decode(file).then(function (image) {
      var width = image.naturalWidth || image.width, height = image.naturalHeight || image.height;
      var scale = Math.min(1, LONGEST / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff"; // a PNG's transparency becomes white, not black, in the JPEG
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", QUALITY); });
    }).then(function (blob) {
      if (!blob || blob.size >= file.size) return null;
      var name = (file.name || "foto").replace(/\.[^.]*$/, "") + ".jpg";
      return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
    });
  }

  function note(form, text) {
    var line = form.querySelector("#shrink-note");
    if (!line) return;
    line.textContent = text;
    line.hidden = !text;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-shrink]")) return;
    var file = input.files && input.files[0];
    if (!file || !/^image\//.test(file.type) || file.size <= LIMIT) return;
    var form = input.form;
    form.dataset.shrinking = "1";
    note(form, SHRINKING);
    shrunk(file).catch(function () { return null; }).then(function (smaller) {
      if (smaller) {
        var transfer = new DataTransfer();
        transfer.items.add(smaller);
        input.files = transfer.files;
      }
      delete form.dataset.shrinking;
      note(form, "");
      if (form.dataset.sendAfterShrink) {
        delete form.dataset.sendAfterShrink;
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      }
    });
  });

  // A form sent while its photo is being shrunk goes once the photo is ready (before static/js/field.js sees it).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.shrinking) return;
    event.preventDefault();
    event.stopPropagation();
    form.dataset.sendAfterShrink = "1";
  }, true);
})();
