#!/usr/bin/env python3
"""Writes Tests/Evaluation/passages.jsonl: the labelled passages the matcher is evaluated on.

Every passage was written for this purpose by the Glare team (templates and hand-written cases below);
none is copied from a news source. `people` lists who the passage is really about: the truth, not what
the matcher finds. Hard negatives name other people or places with the same words (Jimmy Wang Yu the
actor, Sanaa the city, Muhammad Yunus, Vira Savchenko); hard positives use the inflected or
transliterated forms the roster lists.

Run: python3 scripts/evaluation/make_passages.py  (deterministic; commit the output)
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Evaluation", "passages.jsonl")

# English templates; {n} is the name, {c} a context phrase for the person.
TEMPLATES = [
    "{n}, {c}, remains in detention, her family said on Tuesday.",
    "The United States called for the release of {n}, {c}, at the United Nations.",
    "Supporters gathered outside the court where {n}, {c}, was due to appear.",
    "In a statement, the State Department named {n}, {c}, among 20 women it wants freed.",
    "Rights groups say the case against {n}, {c}, is politically motivated.",
    "A letter smuggled out of prison by {n}, {c}, describes harsh conditions.",
    "Diplomats raised the case of {n} ({c}) during talks this week.",
    "#FreeThe20: today the campaign features {n}, {c}.",
]

# id -> (names to use in turn, context phrases in turn). Context phrases are ordinary descriptions;
# for ambiguous names they contain one of the roster's context terms, as real reporting would.
PEOPLE = {
    "wang-yu": (["Wang Yu"], ["a human rights lawyer at the Fengrui law firm", "the lawyer detained in the 709 crackdown",
                               "a lawyer accused of subversion", "whose son Bao Zhuoxuan was stopped at the border"]),
    "khadija-ismayilova": (["Khadija Ismayilova", "Khadija Ismayil", "Khadija Ismailova"],
                           ["an investigative journalist for RFE/RL", "who reported on corruption in Azerbaijan",
                            "the Baku-based reporter", "a contributor to Radio Azadliq"]),
    "bahareh-hedayat": (["Bahareh Hedayat", "Bahare Hedayat"], ["a student activist held in Evin prison",
                         "a member of the Tahkim-e Vahdat council", "a women's rights campaigner in Iran"]),
    "blen-mesfin": (["Blen Mesfin", "Belen Mesfin"], ["an official of the Blue Party", "a Semayawi Party member",
                     "an opposition politician in Addis Ababa"]),
    "meron-alemayehu": (["Meron Alemayehu"], ["a member of the Blue Party", "a Semayawi Party activist in Addis Ababa",
                         "arrested after the ISIL rally in Ethiopia"]),
    "nigist-wondifraw": (["Nigist Wondifraw", "Nigist Wondifrew"], ["a Blue Party member", "a Semayawi Party activist",
                          "an opposition member in Ethiopia"]),
    "gao-yu": (["Gao Yu"], ["the veteran journalist convicted of leaking state secrets", "a journalist who wrote for Deutsche Welle",
                "the 71-year-old journalist granted medical parole", "accused over Document No. 9"]),
    "aster-yohannes": (["Aster Yohannes"], ["the wife of Petros Solomon", "held incommunicado in Eritrea since 2003",
                        "a former EPLF fighter detained in Asmara"]),
    "matluba-kamilova": (["Matluba Kamilova", "Matlyuba Kamilova"], ["a human rights activist from Angren",
                          "jailed in Uzbekistan on a drug charge", "a member of the Human Rights Society of Uzbekistan"]),
    "leyla-yunus": (["Leyla Yunus", "Leila Yunus"], ["director of the Institute for Peace and Democracy",
                     "a human rights defender in Baku", "wife of historian Arif Yunus"]),
    "phyoe-phyoe-aung": (["Phyoe Phyoe Aung", "Phyo Phyo Aung"], ["a student leader arrested at Letpadan",
                          "secretary general of the ABFSU", "a leader of the protests against the education law in Burma"]),
    "liu-xia": (["Liu Xia"], ["the poet and wife of Liu Xiaobo", "widow of the Nobel laureate Liu Xiaobo",
                 "held under house arrest since 2010", "a photographer and poet"]),
    "bui-thi-minh-hang": (["Bui Thi Minh Hang", "Bùi Thị Minh Hằng"], ["a blogger and land-rights activist",
                           "jailed in Vietnam for causing public disorder", "an activist from Dong Thap"]),
    "maria-lourdes-afiuni": (["María Lourdes Afiuni", "Maria Lourdes Afiuni", "Judge Afiuni"], ["a Venezuelan judge",
                              "who freed banker Eligio Cedeño", "a judge denounced by Hugo Chávez"]),
    "sanaa-seif": (["Sanaa Seif", "Sana Seif"], ["sister of Alaa Abd El-Fattah", "an activist jailed under Egypt's protest law",
                    "arrested at the Ittihadiya march", "daughter of Laila Soueif"]),
    "naw-ohn-hla": (["Naw Ohn Hla"], ["a Karen land-rights activist", "who protested the Letpadaung copper mine",
                     "sentenced after a protest at the Chinese embassy"]),
    "nadiya-savchenko": (["Nadiya Savchenko", "Nadia Savchenko", "Nadezhda Savchenko"], ["the Ukrainian military pilot",
                          "held in Russia since 2014", "an MP elected in absentia"]),
    "ta-phong-tan": (["Ta Phong Tan", "Tạ Phong Tần"], ["a blogger and former policewoman", "co-founder of the Free Journalists Club",
                      "the Vietnamese blogger"]),
    "rasha-sharbaji": (["Rasha Sharbaji", "Rasha Shurbaji", "Rasha Chorbaji"], ["a mother of three from Daraya",
                        "held by Syrian Air Force Intelligence", "who gave birth to twins in detention"]),
}

CONTROLS = {
    "reeyot-alemu": (["Reeyot Alemu", "Reyot Alemu"], ["an Ethiopian journalist", "a columnist jailed under the anti-terrorism law"]),
    "mahlet-fantahun": (["Mahlet Fantahun"], ["a Zone 9 blogger", "one of the Zone 9 bloggers"]),
    "edom-kassaye": (["Edom Kassaye"], ["a freelance journalist", "a journalist released in July 2015"]),
    "rania-abbasi": (["Rania Abbasi", "Dr. Rania Abbasi"], ["a dentist detained in Damascus in 2013", "a Syrian dentist who disappeared with her children"]),
    "faten-rajab": (["Faten Rajab", "Dr. Faten Rajab"], ["a Syrian physicist", "a researcher detained in Syria"]),
}

# Passages in the roster's other scripts: (text, people).
MULTILINGUAL = [
    ("维权律师王宇在709大抓捕中被带走，至今下落不明。", ["wang-yu"]),
    ("王宇律师的儿子包卓轩在边境被拦截。", ["wang-yu"]),
    ("刘晓波的妻子刘霞自2010年起遭到软禁。", ["liu-xia"]),
    ("诺贝尔和平奖得主遗孀刘霞抵达柏林。", ["liu-xia"]),
    ("劉曉波的遺孀劉霞終於離開中國。", ["liu-xia"]),
    ("资深记者高瑜因泄密罪被判刑七年。", ["gao-yu"]),
    ("记者高瑜获准保外就医。", ["gao-yu"]),
    ("Надежда Савченко вернулась в Киев после обмена пленными.", ["nadiya-savchenko"]),
    ("Суд в Ростове вынес приговор Надежде Савченко? Нет: защита Надежды Савченко обжаловала решение.", ["nadiya-savchenko"]),
    ("Президент потребовал освободить Надежду Савченко.", ["nadiya-savchenko"]),
    ("Надія Савченко повернулася в Україну.", ["nadiya-savchenko"]),
    ("Адвокати Надії Савченко заявили про голодування.", ["nadiya-savchenko"]),
    ("Журналистка Хадиджа Исмаилова освобождена из-под стражи.", ["khadija-ismayilova"]),
    ("Правозащитники требуют освободить Хадиджу Исмаилову.", ["khadija-ismayilova"]),
    ("Правозащитница Лейла Юнус покинула Азербайджан.", ["leyla-yunus"]),
    ("Адвокат Лейлы Юнус сообщил о её здоровье.", ["leyla-yunus"]),
    ("Jurnalist Xədicə İsmayılova azadlığa buraxıldı.", ["khadija-ismayilova"]),
    ("XƏDİCƏ İSMAYILOVA məhkəmə zalında çıxış etdi.", ["khadija-ismayilova"]),
    ("Xədicə İsmayıl bu gün Bakıda mətbuat konfransı keçirdi.", ["khadija-ismayilova"]),
    ("Hukuk müdafiəçisi Leyla Yunus Niderlanda getdi.", ["leyla-yunus"]),
    ("Hatyja Ysmaýylowa türmeden boşadyldy.", ["khadija-ismayilova"]),
    ("فعالة حقوق المرأة بهاره هدایت از زندان اوین آزاد شد.", ["bahareh-hedayat"]),
    ("بهاره هدایت، فعال دانشجویی، پس از هفت سال آزاد شد.", ["bahareh-hedayat"]),
    ("أفرجت السلطات في مصر عن الناشطة سناء سيف بعفو رئاسي.", ["sanaa-seif"]),
    ("قالت ليلى سويف إن ابنتها سناء سيف بخير.", ["sanaa-seif"]),
    ("وطالب علاء عبد الفتاح بالإفراج عن شقيقته وسناء سيف.", ["sanaa-seif"]),
    ("أفرج عن سناء أحمد سيف الإسلام ضمن مئة سجين في مصر.", ["sanaa-seif"]),
    ("أطلق سراح رشا شربجي وأطفالها الخمسة في صفقة تبادل.", ["rasha-sharbaji"]),
    ("تحدثت رشا شربجي عن ولادة توأميها في المعتقل.", ["rasha-sharbaji"]),
    ("أفرجت المحكمة العليا عن الصحفية خديجة إسماعيلوفا.", ["khadija-ismayilova"]),
    ("عادت الطيارة ناديا سافتشنكو إلى كييف.", ["nadiya-savchenko"]),
    ("Nhà hoạt động Bùi Thị Minh Hằng được trả tự do sau ba năm tù.", ["bui-thi-minh-hang"]),
    ("BÙI THỊ MINH HẰNG bị kết án vì gây rối trật tự công cộng.", ["bui-thi-minh-hang"]),
    ("Blogger Tạ Phong Tần đã đến Los Angeles.", ["ta-phong-tan"]),
    ("Bà Tạ Phong Tần từng là một sĩ quan công an.", ["ta-phong-tan"]),
    ("နော်အုံးလှ ကို ထောင်မှ လွှတ်ပေးခဲ့သည်။", ["naw-ohn-hla"]),
    ("ကျောင်းသား ခေါင်းဆောင် ဖြိုးဖြိုးအောင် ကို လွှတ်ပေးခဲ့သည်။", ["phyoe-phyoe-aung"]),
    ("የሰማያዊ ፓርቲ አባል ብሌን መስፍን ተፈታች።", ["blen-mesfin"]),
    ("ብሌን መስፍን በአዲስ አበባ ታሰረች።", ["blen-mesfin"]),
    ("ንግስት ወንዲፍራው የስምንት ወር እስራት ተፈረደባት።", ["nigist-wondifraw"]),
    ("የሰማያዊ ፓርቲ አባል ሜሮን አለማየሁ በዋስ ተለቀቀች።", ["meron-alemayehu"]),
    ("La jueza María Lourdes Afiuni fue condenada a cinco años.", ["maria-lourdes-afiuni"]),
    ("La jueza Afiuni denunció torturas en el INOF.", ["maria-lourdes-afiuni"]),
    ("Organizaciones piden la libertad de María Lourdes Afiuni Mora.", ["maria-lourdes-afiuni"]),
    ("Die ukrainische Pilotin Nadja Savčenko wurde freigelassen.", ["nadiya-savchenko"]),
    ("Nadja Savchenko kehrte nach Kiew zurück.", ["nadiya-savchenko"]),
]

# Hard negatives: the same words, about someone or something else. (text, people)
HARD_NEGATIVES = [
    ("Jimmy Wang Yu, the kung fu actor who starred in One-Armed Swordsman, has died.", []),
    ("Wang Yu, the actor, was honoured at the Hong Kong Film Awards.", []),
    ("China's Wang Yu cleared 2.28 metres to win the high jump final.", []),
    ("Wang Yu scored twice as the football club won the league.", []),
    ("Footballer Wang Yu signed a new contract on Friday.", []),
    ("The high jump champion Wang Yu retired after the Asian Games.", []),
    ("武侠片演员王羽去世，享年79岁。", []),
    ("Liu Xia won gold in the judo competition in Beijing.", []),
    ("Judoka Liu Xia reached the semi-finals.", []),
    ("Liu Xia, 24, a student from Chengdu, was among the winners.", []),
    ("Gao Yu, the footballer, was injured in the first half.", []),
    ("Actress Gao Yu stars in the new television drama.", []),
    ("Houthi fighters tightened their grip on Sanaa on Sunday.", []),
    ("In Yemen's capital Sanaa Seif Ahmed, a shopkeeper, said prices had tripled.", []),
    ("Airstrikes hit Sanaa; Seif al-Islam Gaddafi was not mentioned.", []),
    ("سيطر الحوثيون على صنعاء عاصمة اليمن.", []),
    ("Nobel laureate Muhammad Yunus founded the Grameen Bank.", []),
    ("Muhammad Yunus spoke about microcredit in Dhaka.", []),
    ("Vira Savchenko, the pilot's sister, spoke to reporters.", []),
    ("The figure skating pair of Savchenko and Szolkowy won gold.", []),
    ("Aster flowers bloom in late September.", []),
    ("Pilgrims climbed Mount Meron in northern Israel.", []),
    ("Meron, a town in the Galilee, hosts the Lag BaOmer festival.", []),
    ("Liu Xiaobo won the Nobel Peace Prize in 2010.", []),
    ("Sanaa is one of the oldest continuously inhabited cities.", []),
    ("Yunus said the bank would expand its lending.", []),
    ("Savchenko is a common Ukrainian surname.", []),
    ("The Wang family and the Yu family signed the agreement.", []),
    ("Ismayilova Street in Baku was closed for repairs.", []),
    ("Seif and Sanaa were among the names on the wedding list in Yemen.", []),
    ("Gao and Yu were two of the players selected.", []),
    ("Liu, Xia and Zhang are common surnames.", []),
    ("A student named Wang Yu won the maths olympiad.", []),
    ("Wang Yu, a high jump coach, spoke to the press.", []),
    ("The actor Wang Yu and the director met in Taipei.", []),
    ("Phyoe, Phyoe and Aung were three of the villages flooded.", []),
    ("Meron Alemayehu, a marathon runner, won the race in Addis Ababa.", []),
    ("Aster Yohannes, a runner from Asmara, finished second.", []),
]

NEGATIVES = [
    "The central bank left interest rates unchanged on Thursday.",
    "Heavy rain caused flooding across the region overnight.",
    "The ministry announced new rules for importing medicines.",
    "Shares rose in early trading after the earnings report.",
    "The festival drew more than 50,000 visitors this year.",
    "Talks between the two governments resumed in Geneva.",
    "A new bridge across the river opened to traffic.",
    "Officials said the census would be completed by December.",
    "The football season opens with a derby on Saturday.",
    "Scientists reported a new species of frog in the rainforest.",
    "The UN General Assembly opened its annual session in New York.",
    "Samantha Power addressed the Security Council on Syria.",
    "The State Department briefing focused on trade.",
    "Human rights groups published their annual report.",
    "Journalists gathered for a press conference in Baku.",
    "Protesters marched in Addis Ababa against rising prices.",
    "The court in Rostov adjourned until next month.",
    "Students in Yangon rallied against the education law.",
    "The Blue Party held a meeting in the capital.",
    "Lawyers in Beijing discussed the new regulations.",
    "A blogger in Hanoi wrote about land disputes.",
    "The judge in Caracas postponed the hearing.",
    "The prisoner exchange took place near Hama.",
    "Residents of Daraya described months of siege.",
    "Evin prison held many political detainees.",
    "Radio Free Europe opened a new bureau.",
    "The poet read from her new collection in Berlin.",
    "A pilot was honoured for bravery in Kyiv.",
    "The campaign #FreeThe20 ended on September 27.",
    "Twenty women from thirteen countries were named.",
    "中国外交部发言人举行例行记者会。",
    "北京今天天气晴朗。",
    "Президент провёл совещание с правительством.",
    "В Киеве прошла пресс-конференция.",
    "Bakıda yeni metro stansiyası açıldı.",
    "در تهران باران شدیدی بارید.",
    "عقد مجلس الأمن جلسة طارئة.",
    "Hà Nội có mưa lớn vào chiều nay.",
    "ရန်ကုန်မြို့တွင် မိုးသည်းထန်စွာ ရွာသွန်းခဲ့သည်။",
    "አዲስ አበባ ውስጥ ዝናብ ጣለ።",
    "El tribunal suspendió la audiencia hasta el lunes.",
    "Die Regierung stellte den Haushalt vor.",
]

def main():
    rows = []
    n = 0
    def add(text, people, kind, lang="en"):
        nonlocal n
        n += 1
        rows.append({"id": f"p{n:03d}", "kind": kind, "lang": lang, "text": text, "people": people})
    for pid, (names, contexts) in list(PEOPLE.items()) + list(CONTROLS.items()):
        for i, template in enumerate(TEMPLATES[: 8 if pid in PEOPLE else 4]):
            add(template.format(n=names[i % len(names)], c=contexts[i % len(contexts)]), [pid], "positive")
    # Two people in one passage.
    add("Leyla Yunus, a human rights defender, and Khadija Ismayilova, a journalist, were both jailed in Azerbaijan.",
        ["khadija-ismayilova", "leyla-yunus"], "positive")
    add("The campaign featured Liu Xia, the poet and wife of Liu Xiaobo, and Gao Yu, a veteran journalist.",
        ["gao-yu", "liu-xia"], "positive")
    add("Naw Ohn Hla and Phyoe Phyoe Aung, the student leader from Letpadan, were released in April.",
        ["naw-ohn-hla", "phyoe-phyoe-aung"], "positive")
    add("Blen Mesfin, Meron Alemayehu and Nigist Wondifraw, all of the Blue Party, were named on the same day.",
        ["blen-mesfin", "meron-alemayehu", "nigist-wondifraw"], "positive")
    # Context in the next paragraph, or forty words away.
    add("Wang Yu was taken from her home in the early hours.\n\nShe is a lawyer who defended Falun Gong practitioners.",
        ["wang-yu"], "positive")
    add("Gao Yu appeared in court on Friday.\n\nThe 71-year-old journalist denied the charges.", ["gao-yu"], "positive")
    for text, people in MULTILINGUAL:
        add(text, people, "positive-multilingual", "xx")
    for text, people in HARD_NEGATIVES:
        add(text, people, "hard-negative")
    for text in NEGATIVES:
        add(text, [], "negative")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages -> {os.path.relpath(OUT)}")

if __name__ == "__main__":
    main()
