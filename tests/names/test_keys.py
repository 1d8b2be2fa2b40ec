"""rollcall/names/keys.py: the keys a name is known by, readable at a glance."""

from __future__ import annotations

from rollcall.names import keys


def test_keys_are_readable_and_shared() -> None:
    a, b = keys("Maria Kolesnikova"), keys("Марыя Калеснікава")
    assert "sk:kalesnikava" in a
    assert set(a) & set(b) >= {"sk:kalesnikava", "gn:maria"}
    assert "zh:liuxiaobo" in keys("刘晓波")
    assert any(k.startswith("pt:") for k in keys("Maria Alexandrovna Kolesnikova"))
    assert keys("") == []


def test_each_word_gives_its_skeleton_then_its_consonant_frame_then_its_name_group() -> None:
    assert keys("Maria Kolesnikova") == [
        "sk:mara",
        "cf:mr",
        "gn:maria",
        "sk:kalesnikava",
        "cf:klsnkv",
    ]


def test_two_spellings_in_two_scripts_have_the_same_keys() -> None:
    assert keys("Maria Kolesnikova") == keys("Марыя Калеснікава")


def test_a_patronymic_is_keyed_apart_from_the_surname_and_the_given_name() -> None:
    patronymic = [k for k in keys("Maria Alexandrovna Kolesnikova") if k.startswith("pt:")]
    assert patronymic == ["pt:aleksandruna", "pt:alehandruna"]  # two readings of the Latin x
    assert "sk:aleksandruna" not in keys("Maria Alexandrovna Kolesnikova")
