"""Vocabulary for made-up mitra (the *sistem sumber* around a WKSBM), shared by the demo and the scale seeder.

A mitra's name is its kind and its place, as partner organisations are called in village and kabupaten reports:
"Baznas Kabupaten Gunungkidul", "Puskesmas Semanu", "BUMKal Sido Makmur Candirejo" (a BUMDes is a *Badan Usaha
Milik Kalurahan* in DI Yogyakarta's kalurahan), "CSR PT Tirta Wening Lestari". Company and university names are
invented. Every generator takes the caller's `random.Random`.
"""

import datetime
import random

from registry.demo import names

# Invented companies whose CSR funds village programs (no real company is named).
COMPANIES = (
    "PT Tirta Wening Lestari",
    "PT Wahana Agro Lestari",
    "PT Bumi Sejahtera Abadi",
    "PT Nusa Tirta Mandiri",
    "PT Cahaya Karya Utama",
    "PT Sinar Tani Makmur",
    "PT Mitra Sembada Nusantara",
    "PT Graha Semesta Persada",
    "PT Lintas Daya Perkasa",
    "PT Batik Sekar Jagad Lestari",
    "PT Kopi Lereng Merapi",
    "PT Semen Karst Sewu",
    "CV Sido Maju Sentosa",
    "Bank Perkreditan Rakyat Artha Mulia",
)
UNIVERSITIES = (
    "Universitas Cendekia Mandiri",
    "Universitas Bina Insani Nusantara",
    "Universitas Karya Husada Mataram",
    "Sekolah Tinggi Ilmu Kesejahteraan Sosial Bhakti Nusantara",
    "Universitas Pelita Harapan Bangsa",
)
# Yayasan and LSM working on disability, children, elderly and poverty.
LSM_NAMES = ("Yayasan Peduli Difabel", "Yayasan Rumah Harapan", "Lembaga Pemberdayaan Desa Lestari")
# Contact positions by mitra kind (slug).
POSITIONS = {
    "dunia-usaha": ("Manajer CSR", "Staf CSR", "Kepala Cabang"),
    "baznas-zakat": ("Ketua", "Wakil Ketua II", "Staf Pendistribusian"),
    "puskesmas": ("Kepala Puskesmas", "Petugas Promosi Kesehatan", "Bidan Koordinator"),
    "lks": ("Ketua Pengurus", "Pekerja Sosial", "Sekretaris"),
    "bumdes": ("Direktur", "Sekretaris", "Bendahara"),
    "pemerintah-desa": ("Jagabaya", "Carik", "Kepala Seksi Kesejahteraan"),
    "perguruan-tinggi": ("Kepala LPPM", "Dosen Pendamping KKN", "Koordinator Pengabdian Masyarakat"),
    "organisasi-keagamaan": ("Ketua", "Sekretaris", "Ketua Majelis Pemberdayaan Masyarakat"),
    "lsm": ("Direktur", "Koordinator Program", "Fasilitator Lapangan"),
    "ormas": ("Ketua", "Sekretaris"),
    "instansi-pemerintah": ("Kepala Bidang", "Analis Kebijakan", "Kepala Seksi"),
}


def kabupaten_mitra(rng: random.Random, *, kind: str, kabupaten: str, nth: int = 0) -> str:
    """The name of the `nth` (from 0) kabupaten-level mitra of `kind` in `kabupaten` (its full name, "Kabupaten
    Gunungkidul"): the kabupaten's Baznas first, then a zakat body of a religious organisation."""
    short = kabupaten.removeprefix("Kabupaten ").removeprefix("Kota ")
    if kind == "baznas-zakat":
        return f"Baznas {kabupaten}" if nth == 0 else rng.choice((f"Lazismu {short}", f"LAZISNU {short}"))
    if kind == "dunia-usaha":
        return f"CSR {rng.choice(COMPANIES)}"
    if kind == "organisasi-keagamaan":
        return rng.choice(
            (f"Pimpinan Daerah Aisyiyah {short}", f"PCNU {short}", f"Majelis Ulama Indonesia {kabupaten}")
        )
    if kind == "lks":
        return f"LKS {rng.choice(names.LKS_NAMES)} {short}"
    if kind == "lsm":
        return f"{rng.choice(LSM_NAMES)} {short}"
    if kind == "ormas":
        return rng.choice((f"PMI {kabupaten}", f"Pramuka Kwartir Cabang {short}"))
    if kind == "instansi-pemerintah":
        return rng.choice((f"Dinas Kesehatan {kabupaten}", f"Dinas Pendidikan {kabupaten}", f"BPBD {kabupaten}"))
    return f"Mitra {short}"


def puskesmas(*, place: str) -> str:
    """The name of a kecamatan's Puskesmas: "Puskesmas Semanu"."""
    return f"Puskesmas {place}"


def desa_mitra(rng: random.Random, *, kind: str, place: str, term: str) -> str:
    """The name of a desa-level mitra: "BUMDes Sido Makmur Sukamaju", "BUMKal … Candirejo", "Pemerintah Kalurahan
    Candirejo"."""
    if kind == "bumdes":
        prefix = "BUMKal" if term == "Kalurahan" else "BUMDes"
        return f"{prefix} {rng.choice(names.FORUM_WORDS)} {place}" if rng.random() < 0.6 else f"{prefix} {place}"
    return f"Pemerintah {term or 'Desa'} {place}"


def university(rng: random.Random) -> str:
    return rng.choice(UNIVERSITIES)


def position(rng: random.Random, *, kind: str) -> str:
    """A contact person's position at a mitra of `kind`."""
    return rng.choice(POSITIONS.get(kind, ("Ketua", "Sekretaris")))


def lks_registration(rng: random.Random, *, year: int) -> str:
    """An LKS's tanda daftar number, e.g. "460/117/TD-LKS/2021"."""
    return f"460/{rng.randrange(1, 400):03d}/TD-LKS/{year}"


def mou_number(rng: random.Random, *, day: datetime.date, code: str) -> str:
    """The number of an MoU or PKS signed on `day`, e.g. "045/MoU/WKSBM-ZIS/III/2024": the month in Roman numerals
    as offices write it (`code` names the mitra's kind)."""
    months = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
    kind = rng.choice(("MoU", "PKS"))
    return f"{rng.randrange(1, 200):03d}/{kind}/WKSBM-{code}/{months[day.month - 1]}/{day.year}"
