"""Synthetic Chinese names: common surnames and given-name characters, combined by a seeded RNG.

No real person's data: names are random combinations; a few shapes every register has are
included on purpose (compound surnames, two-character names, a name with "·").
"""

import random

# Roughly by frequency; the tail includes surnames with special readings (曾, 单, 解, 仇, 朴, 区, 查, 盖).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤文欧单解仇朴区查盖华"
)
# Common surnames far more often than rare ones, roughly as in a real register.
SURNAME_WEIGHTS = [1 / (rank + 8) for rank in range(len(SURNAMES))]
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方")
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波宁斌浩凯健俊帆帅旭宇晨志国建文东海林峰云龙振家"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲桂英燕萍红洁琳雪梅莉婷慧颖璐佳欣悦晴岚蕾婉瑶怡"
DOT_NAMES = ("阿依古丽·买买提", "热依拉·艾买提", "巴特尔·孟和")


class NameMaker:
    """Unique synthetic names from a seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def make(self, gender: str) -> str:
        chars = MALE_CHARS if gender == "男" else FEMALE_CHARS
        for _ in range(1000):
            roll = self.rng.random()
            surname = (self.rng.choice(COMPOUND_SURNAMES) if roll < 0.015
                       else self.rng.choices(SURNAMES, SURNAME_WEIGHTS)[0])
            given_length = 1 if self.rng.random() < 0.3 else 2
            name = surname + "".join(self.rng.choice(chars) for _ in range(given_length))
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name space exhausted")

    def reserve(self, name: str) -> str:
        self.used.add(name)
        return name
