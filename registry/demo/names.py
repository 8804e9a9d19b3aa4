"""Vocabulary and small generators for made-up registry data: people, phones, NIK, SK numbers, forum and KPS names.

Every generator takes the caller's `random.Random`, so the caller's seed decides the output. Names are common
Javanese and Indonesian ones (lists of names, not of people); forum and group names follow the patterns seen in
village reports ("WKSBM Guyub Rukun …", "Posyandu Melati 2", "TP PKK Kalurahan …").
"""

import datetime
import random

from registry.validators import name_key


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MALE_NAMES = _words(
    "Sutrisno Suparman Slamet Sugiyono Bambang Wahyu Joko Agus Budi Heru Supriyadi Sukardi Mujiono Eko "
    "Hartono Purwanto Sudarmaji Widodo Suharjo Ngadiman Paiman Sarjono Rahmat Yusuf Ahmad Muhammad Haryanto "
    "Teguh Darmanto Gunawan Kuswanto Mulyono Sigit Wartono Tukiran Jumadi Subagyo Sumarno Sukirno Triyono "
    "Wagiman Parjiyo Rudi Hendra Arif Fajar Dedi Nur Yanto Kusno Suyatno"
)
FEMALE_NAMES = _words(
    "Sri Siti Sumarni Endang Wahyuni Suprapti Murtini Sulastri Sunarsih Sukinah Rini Yuli Ngatinah Partini "
    "Sumiyati Tutik Purwanti Dewi Umi Kasmini Ani Wulan Maryati Suparmi Tumini Sugiyem Ngatini Warsini "
    "Rubiyem Eni Yuliana Fitri Ratna Dian Novi Anik Istiqomah Marsini Painem Tri"
)
MALE_SECOND_NAMES = _words(
    "Setiawan Santoso Prasetyo Nugroho Wibowo Susanto Hidayat Kurniawan Utomo Saputra Purnomo Raharjo Susilo "
    "Hartono Wijaya Pratama Suryanto Sulistyo Budiono Riyadi Harjono Sutopo Wicaksono Hadi Suprapto"
)
FEMALE_SECOND_NAMES = _words(
    "Lestari Rahayu Wahyuni Handayani Astuti Rahmawati Mulyani Suryani Widayati Purwaningsih Susanti "
    "Wulandari Kusumawati Setyaningsih Hastuti Sulistyowati Rahmadani Nurhayati Pratiwi Wijayanti"
)

# Forum and group names in Javanese and Indonesian: "may it prosper", "in harmony", "caring for each other"…
FORUM_WORDS = (
    "Ngudi Rahayu",
    "Guyub Rukun",
    "Sido Makmur",
    "Sejahtera",
    "Mugi Lestari",
    "Ngesthi Mulyo",
    "Gotong Royong",
    "Tunas Harapan",
    "Mekar Sari",
    "Manunggal",
    "Sumber Rejeki",
    "Karya Bhakti",
    "Rukun Santoso",
    "Peduli Sesama",
    "Bina Sejahtera",
    "Tepa Salira",
    "Migunani",
    "Sekar Arum",
)
FLOWERS = (
    "Melati",
    "Mawar",
    "Anggrek",
    "Dahlia",
    "Kenanga",
    "Cempaka",
    "Flamboyan",
    "Teratai",
    "Bougenville",
    "Seruni",
    "Kamboja",
    "Tulip",
    "Sakura",
    "Aster",
    "Lily",
    "Nusa Indah",
    "Kemuning",
    "Soka",
)
DUSUN_NAMES = _words(
    "Krajan Ngasem Gunungsari Karangrejo Sumbersari Jetis Kedungrejo Tegalrejo Ngampel Sidorejo Kembang Bulu "
    "Kepuh Nglegi Gedong Duwet Ngeposari Karanganyar Sawahan Pundung Ngentak Glagah Banyuurip Tanjung "
    "Sambirejo Wonorejo Kalangan Plumbon Sendang Bendo"
)
MAJELIS_TAKLIM_NAMES = (
    "Al-Ikhlas",
    "Al-Hidayah",
    "Nurul Iman",
    "Al-Falah",
    "Baitur Rahman",
    "Nurul Huda",
    "Al-Muhajirin",
    "Muslimat NU Ranting",
    "Aisyiyah Ranting",
)
LANSIA_NAMES = (
    "Sehat Bahagia",
    "Ngudi Waras",
    "Sekar Arum",
    "Wreda Utama",
    "Mugi Waras",
    "Sugeng Rawuh",
    "Lansia Ceria",
)
KARANG_TARUNA_NAMES = ("Tunas Muda", "Bina Remaja", "Putra Bangsa", "Karya Muda", "Manunggal Karya", "Mudha Bhakti")
LKS_NAMES = (
    "Panti Asuhan Darul Hadlonah",
    "Panti Asuhan Yatim Piatu Al-Amin",
    "Lansia Budi Luhur",
    "Disabilitas Bina Insani",
    "Anak Harapan Bangsa",
    "Rumah Singgah Ceria",
    "Yayasan Sayap Ibu",
)
KUBE_NAMES = ("Maju Bersama", "Sido Mukti", "Usaha Mandiri", "Lestari Jaya", "Ngudi Makmur", "Tani Rukun")

# Operator prefixes of Indonesian mobile numbers (Telkomsel, Indosat, XL/Axis, Tri, Smartfren).
MOBILE_PREFIXES = _words(
    "0811 0812 0813 0821 0822 0823 0852 0853 0814 0815 0816 0855 0856 0857 0858 0817 0818 0819 0859 0877 0878 "
    "0831 0838 0895 0896 0897 0898 0881 0882"
)

# Where an SK of a village head or panewu is numbered from: the archive codes of the regional classification.
SK_CLASSIFICATIONS = ("400", "460", "188.4", "141", "400.9")


def person_name(rng: random.Random, *, female: bool | None = None) -> str:
    """A person's name: one Javanese name (common among older people) or a given name and a second name."""
    if female is None:
        female = rng.random() < 0.5
    given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    roll = rng.random()
    if roll < 0.3:
        return given
    name = f"{given} {rng.choice(FEMALE_SECOND_NAMES if female else MALE_SECOND_NAMES)}"
    if roll > 0.95:
        return f"{'Hj.' if female else 'H.'} {name}"
    if roll > 0.9:
        return f"{name}, S.Pd."
    return name


def mobile_phone(rng: random.Random) -> str:
    """A 12-digit Indonesian mobile number such as 081234567890."""
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7, 10**8)}"


def landline_phone(rng: random.Random, *, area: str = "0274") -> str:
    """A landline number written the usual way, e.g. "(0274) 391234" (0274 is DI Yogyakarta's area code)."""
    return f"({area}) {rng.randrange(200000, 999999)}"


def nik(rng: random.Random, *, kecamatan_code: str, female: bool) -> str:
    """A NIK with a plausible structure (Dukcapil's layout): the kecamatan, the birth date (+40 for women), a serial.

    Structurally valid only: it passes `registry.validators.validate_nik` and belongs to nobody on record.
    """
    born = datetime.date(1955, 1, 1) + datetime.timedelta(days=rng.randrange(40 * 365))
    day = born.day + (40 if female else 0)
    return f"{kecamatan_code.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randrange(1, 999):04d}"


def sk_number(rng: random.Random, *, year: int) -> str:
    """A decree number as village and kapanewon offices write them, e.g. "400/017/KPTS/2019"."""
    number = rng.randrange(1, 250)
    if rng.random() < 0.3:
        return f"Nomor {number} Tahun {year}"
    return f"{rng.choice(SK_CLASSIFICATIONS)}/{number:03d}/KPTS/{year}"


# Who signs a forum's decree, by the local term of its wilayah (DIY: Lurah of a kalurahan, Panewu of a kapanewon,
# Mantri Pamong Praja of a kemantren of Kota Yogyakarta).
SIGNER_TITLES = {
    "Desa": "Kepala Desa",
    "Desa Adat": "Kepala Desa Adat",
    "Kelurahan": "Lurah",
    "Kalurahan": "Lurah",
    "Kecamatan": "Camat",
    "Distrik": "Kepala Distrik",
    "Kapanewon": "Panewu",
    "Kemantren": "Mantri Pamong Praja",
}


def sk_signer(*, place: str, term: str) -> str:
    """The signer of a forum's SK: "Lurah Candirejo", "Panewu Playen", "Kepala Desa Sukamaju"."""
    return f"{SIGNER_TITLES.get(term, 'Kepala')} {place}"


def forum_name(rng: random.Random, *, place: str, term: str) -> str:
    """The name of a desa-level WKSBM: "WKSBM Candirejo", "WKSBM Guyub Rukun Candirejo", "WKSBM Kalurahan …"."""
    roll = rng.random()
    if roll < 0.55:
        return f"WKSBM {place}"
    if roll < 0.8:
        return f"WKSBM {rng.choice(FORUM_WORDS)} {place}"
    return " ".join(part for part in ("WKSBM", term, place) if part)


def kps_name(rng: random.Random, *, kind: str, place: str, term: str) -> str:
    """A KPS name for the seeded kind `kind` (a KpsKind slug) in the desa or kecamatan `place` (`term` + name).

    Names may repeat within a place; callers number repeats to keep the per-wilayah names unique.
    """
    where = f"{term} {place}".strip()
    if kind == "karang-taruna":
        return f"Karang Taruna {rng.choice(KARANG_TARUNA_NAMES)} {place}"
    if kind == "pkk":
        if rng.random() < 0.5:
            return f"TP PKK {where}"
        return (
            f"PKK Padukuhan {rng.choice(DUSUN_NAMES)}" if term == "Kalurahan" else f"PKK RW {rng.randrange(1, 15):02d}"
        )
    if kind == "posyandu":
        return f"Posyandu {rng.choice(FLOWERS)} {rng.randrange(1, 9)}"
    if kind == "majelis-taklim":
        name = rng.choice(MAJELIS_TAKLIM_NAMES)
        return f"Majelis Taklim {name} {place}" if name.endswith("Ranting") else f"Majelis Taklim {name}"
    if kind == "kelompok-lansia":
        return f"Kelompok Lansia {rng.choice(LANSIA_NAMES)}"
    if kind == "dasawisma":
        return f"Dasawisma {rng.choice(FLOWERS)} {rng.randrange(1, 15)}"
    if kind == "lks":
        return f"LKS {rng.choice(LKS_NAMES)}"
    if kind == "psm":
        return f"Forum PSM {where}"
    if kind == "tksk":
        return f"TKSK {where}"
    if kind == "kube":
        return f"KUBE {rng.choice(KUBE_NAMES)} {place}"
    return f"Paguyuban {rng.choice(FORUM_WORDS)} {place}"


def unique_in(taken: set, *, wilayah: str, name: str, max_length: int = 200) -> str:
    """`name`, or "`name` 2", "`name` 3"…: the first not yet `taken` in `wilayah`, case and spaces ignored.

    `taken` holds (wilayah code, `name_key`) pairs and gains the returned name's pair, which keeps made-up names
    within the models' unique (wilayah, name) constraints.
    """
    candidate, number = name[:max_length], 1
    key = (wilayah, name_key(candidate))
    while key in taken:
        number += 1
        suffix = f" {number}"
        candidate = name[: max_length - len(suffix)] + suffix
        key = (wilayah, name_key(candidate))
    taken.add(key)
    return candidate
