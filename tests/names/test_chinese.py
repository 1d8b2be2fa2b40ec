"""Han characters and pinyin meet in any order; different syllables stay apart."""

from __future__ import annotations

import pytest

from rollcall.names import THRESHOLD, score
from rollcall.names.chinese import given_readings, han_name, syllable_count
from rollcall.names.parse import parse


@pytest.mark.parametrize(
    "latin",
    [
        "Liu Xiaobo",
        "Xiaobo Liu",
        "Liú Xiǎobō",
        "liuxiaobo",
        "LIU Xiaobo",
        "Liu Xiao-bo",
        "Liu Xiao Bo",
    ],
)
def test_liu_xiaobo(latin: str) -> None:
    assert score("刘晓波", latin) >= THRESHOLD
    assert score(latin, "刘晓波") >= THRESHOLD


def test_liu_xia_is_not_liu_xiaobo() -> None:
    assert score("刘霞", "Liu Xia") >= THRESHOLD
    assert score("刘霞", "刘晓波") < THRESHOLD
    assert score("Liu Xia", "Liu Xiaobo") < THRESHOLD
    assert score("Liu Xia", "刘晓波") < THRESHOLD
    assert score("Liu Xiaobo", "Lu Xiaobo") < THRESHOLD


def test_transcribed_uyghur_name() -> None:
    assert han_name("伊力哈木·土赫提") == (["yilihamu", "tuheti"], True)
    assert score("Ilham Tohti", "伊力哈木·土赫提") >= THRESHOLD
    assert score("Ilham Tohti", "Ilham Tursun") < THRESHOLD


def test_compound_and_surname_readings() -> None:
    assert han_name("欧阳修")[0] == ["ouyang", "xiu"]
    assert han_name("单雄信")[0] == ["shan", "xiongxin"]
    assert score("单雄信", "Shan Xiongxin") >= THRESHOLD


def test_syllable_segmentation() -> None:
    assert syllable_count("liuxiaobo") == 3
    assert syllable_count("kolesnikova") == 0
    assert syllable_count("maria") == 0


def test_han_name_readings() -> None:
    # 晟 reads cheng by pypinyin's first choice; in names it is sheng.
    assert score("高智晟", "Gao Zhisheng") == 1.0
    assert score("高智晟", "Zhisheng Gao") == 1.0
    assert given_readings("智晟")[0] == "zhicheng"  # pypinyin's reading stays first
    # Rare readings are not expanded: 波 is bo, not bei.
    assert score("刘晓波", "Liu Xiaobei") < THRESHOLD
    assert score("刘晓波", "Liu Xiaobo") == 1.0
    assert "liuxiaobo" in parse("刘晓波").zh
