"""Golden goals and indicators of the five corpus documents, as a reader finds them in the
documents (checked by hand against the text). Titles and indicator texts are prefixes;
parents and goals are indexes into the goal list. Every format must give exactly these."""

# fmt: off
GOALS = {
    # Örebro, Regionstyrelsen, verksamhetsplan 2022
    '000_27f8406190a0567d': [
        ('målområde', None, 'Invånare och samhälle', None),  # 0
        ('effektmål', '1', 'Länets invånare har en god, jämlik och jämstä', 0),  # 1
        ('effektmål', '2', 'Länets invånare får högkvalitativ och tillgän', 0),  # 2
        ('effektmål', '5', 'Länets invånare har en god, jämlik och jämstä', 0),  # 3
        ('effektmål', '6', 'Länets invånare får högkvalitativ och tillgän', 0),  # 4
        ('effektmål', '7', 'Länets invånare och de som verkar i Örebro lä', 0),  # 5
        ('målområde', None, 'Process', None),  # 6
        ('strategi', None, 'Kvalitet och utveckling', 6),  # 7
        ('strategi', None, 'Att skapa värde tillsammans med de Region Öre', 7),  # 8
        ('strategi', None, 'Att leda för hållbarhet', 7),  # 9
        ('strategi', None, 'Att involvera och motivera medarbetare', 7),  # 10
        ('strategi', None, 'Att utveckla värdeskapande processer', 7),  # 11
        ('strategi', None, 'Att förbättra verksamheten och skapa innovati', 7),  # 12
        ('mål', None, 'Samtliga verksamheter arbetar i enlighet med ', 7),  # 13
        ('strategi', None, 'Digitalisering', 6),  # 14
        ('strategi', None, 'Att skapa en hög grad av förankring och ägand', 14),  # 15
        ('strategi', None, 'Att arbeta med utbildning och en lärande orga', 14),  # 16
        ('uppdrag', None, 'Regionkansliet ansvarar för det interna progr', 14),  # 17
        ('strategi', None, 'Hållbar utveckling', 6),  # 18
        ('strategi', None, 'Att samverka och kommunicera tvärfunktionellt', 18),  # 19
        ('strategi', None, 'Att skapa en hög grad av förankring och ägand', 18),  # 20
        ('strategi', None, 'Att ha en tydlig målstyrning och kontinuerlig', 18),  # 21
        ('strategi', None, 'Att arbeta med utbildning och en lärande orga', 18),  # 22
        ('mål', None, 'Samtliga medarbetare och förtroendevalda har ', 18),  # 23
        ('strategi', None, 'Regional utvecklingsstrategi', 6),  # 24
        ('strategi', None, 'Ett utmaningsdrivet genomförande för att nå R', 24),  # 25
        ('strategi', None, 'Att samordna insatser för genomförande av RUS', 24),  # 26
        ('strategi', None, 'Storregionalt och internationellt samarbete', 6),  # 27
        ('strategi', None, 'Att samverka storregionalt för att stärka län', 27),  # 28
        ('strategi', None, 'Att samverka internationellt enligt Region Ör', 27),  # 29
        ('målområde', None, 'Resurs', None),  # 30
        ('effektmål', '9', 'Region Örebro län är en attraktiv arbetsgivar', 30),  # 31
        ('effektmål', '10', 'Region Örebro län har en långsiktig stark och', 30),  # 32
        ('mål', None, 'Regionkansliet ger bästa möjliga förutsättnin', None),  # 33
        ('målområde', None, 'Digitalisering', None),  # 34
        ('strategi', None, 'Att skapa en hög grad av förankring och ägand', 34),  # 35
        ('strategi', None, 'Att arbeta med utbildning och en lärande orga', 34),  # 36
        ('mål', None, 'Höja den digitala kompetensen inom regionkans', 34),  # 37
        ('mål', None, 'Regionkansliet ska ha ändamålsenliga konferen', 34),  # 38
        ('mål', None, 'Regionkansliet ska ha en gemensam bild av vad', 34),  # 39
        ('målområde', None, 'Hållbar utveckling', None),  # 40
        ('strategi', None, 'Att samverka och kommunicera tvärfunktionellt', 40),  # 41
        ('strategi', None, 'Att skapa en hög grad av förankring och ägand', 40),  # 42
        ('strategi', None, 'Att ha en tydlig målstyrning och kontinuerlig', 40),  # 43
        ('strategi', None, 'Att arbeta med utbildning och en lärande orga', 40),  # 44
        ('mål', None, 'Att minska regionkansliets miljö- och klimatp', 40),  # 45
        ('mål', None, 'Att skapa delaktighet och utveckla inkluderan', 40),  # 46
        ('målområde', None, 'Medarbetarskap och ledarskap', None),  # 47
        ('mål', None, 'Regionkansliets medarbetare och chefer ska va', 47),  # 48
        ('mål', None, 'Regionkansliet ska ha en god förmåga till att', 47),  # 49
    ],
    # Örebro, Regionstyrelsen, verksamhetsberättelse 2024 (OCR'd, å/ä/ö lost)
    '001_456057fb73cc2169': [
        ('målområde', None, 'Invanare och samhaélle', None),  # 0
        ('effektmål', '1', 'Lanets invanare har en god, jamlik och jamsta', 0),  # 1
        ('effektmål', '2', 'Lanets invanare far hogkvalitativ och tillgan', 0),  # 2
        ('uppdrag', None, 'Regiondirektéren har i uppdrag att géra en 6v', 0),  # 3
        ('effektmål', '3', 'Lanets invanare har en god, jamlik och jamsté', 0),  # 4
        ('effektmål', '4', 'Lanets invanare far hogkvalitativ och tillgan', 0),  # 5
        ('effektmål', '5', 'Lanets invanare och de som verkar i Orebro la', 0),  # 6
        ('uppdrag', None, 'Belysa och ge forslag till atgarder som syfta', 0),  # 7
        ('effektmål', '8', 'Lanets invanare, samhallet och féretag har ti', 0),  # 8
        ('målområde', None, 'Process', None),  # 9
        ('strategi', None, 'Kvalitet och utveckling', 9),  # 10
        ('strategi', None, 'Att skapa virde tillsammans med de Region Ore', 10),  # 11
        ('strategi', None, 'Att leda for hallbarhet', 10),  # 12
        ('strategi', None, 'Att involvera och motivera medarbetare', 10),  # 13
        ('strategi', None, 'Att utveckla virdeskapande processer', 10),  # 14
        ('strategi', None, 'Att forbattra verksamheten och skapa innovati', 10),  # 15
        ('uppdrag', None, 'Samtliga verksamheter arbetar i enlighet med ', 10),  # 16
        ('strategi', None, 'Beredskap och sakerhet', 9),  # 17
        ('strategi', None, 'Att skapa gemensamma forutsittningar for hant', 17),  # 18
        ('strategi', None, 'Att verka for att beredskaps- och sdkerhetsfr', 17),  # 19
        ('strategi', None, 'Att overenskommelserna med staten avseende de', 17),  # 20
        ('uppdrag', None, 'Att skapa och anvanda generella arbetsmetoder', 17),  # 21
        ('strategi', None, 'Digitalisering', 9),  # 22
        ('strategi', None, 'Att skapa en hog grad av forankring och att v', 22),  # 23
        ('strategi', None, 'Att genom beslutade arliga planer kontinuerli', 22),  # 24
        ('strategi', None, 'Att arbeta med utbildning och en ldrande orga', 22),  # 25
        ('uppdrag', None, 'Regionkansliet ansvarar for det interna progr', 22),  # 26
        ('strategi', None, 'Hallbar utveckling', 9),  # 27
        ('strategi', None, 'Att samverka och kommunicera tvérfunktionellt', 27),  # 28
        ('strategi', None, 'Att skapa en hog grad av forankring och dgand', 27),  # 29
        ('strategi', None, 'Att ha en tydlig malstyrning och kontinuerlig', 27),  # 30
        ('strategi', None, 'Att arbeta med utbildning och en larande orga', 27),  # 31
        ('uppdrag', None, 'Samtliga medarbetare och fortroendevalda har ', 27),  # 32
        ('uppdrag', None, 'Region Orebro lan ska vara drivkraft, engagem', 27),  # 33
        ('strategi', None, 'Hallbar regional utveckling', 9),  # 34
        ('strategi', None, 'Att driva genomforandet av Regional utvecklin', 34),  # 35
        ('strategi', None, 'Att driva insatser som skapar likvéirdiga for', 34),  # 36
        ('strategi', None, 'Att bygga resiliens och utvecklingskapacitet ', 34),  # 37
        ('uppdrag', None, 'Region Orebro lan ska tillsammans med lanets ', 34),  # 38
        ('strategi', None, 'Storregionalt och internationellt samarbete', 9),  # 39
        ('strategi', None, 'Att samverka storregionalt for att starka lan', 39),  # 40
        ('strategi', None, 'Att samverka internationellt enligt Region Or', 39),  # 41
        ('uppdrag', None, 'Fortsatta arbetet med en storregional systema', 39),  # 42
        ('uppdrag', None, 'Region Orebro lan ska bidra till ett storregi', 39),  # 43
        ('mål', None, 'Region Orebro lan har en regional fysisk plan', 39),  # 44
        ('mål', None, 'Region Orebro l4n arbetar strategiskt pa ett ', 39),  # 45
        ('uppdrag', None, '| samverkan med lanets kommuner och Orebro ai', 39),  # 46
        ('uppdrag', None, 'Uppdatera handlingsplan for paverkansarbete, ', 39),  # 47
        ('uppdrag', None, 'Inleda arbete med att ta fram lansplan for re', 39),  # 48
        ('målområde', None, 'Resurs', None),  # 49
        ('effektmål', '9', 'Region Orebro lan ar en attraktiv arbetsgivar', 49),  # 50
        ('effektmål', '10', 'Region Orebro lan har en langsiktig stark och', 49),  # 51
    ],
    # Örebro, Servicenämnden, verksamhetsplan 2024 (OCR'd, å/ä/ö lost)
    '002_d46f54dcbd8270a5': [
        ('målområde', None, 'Invanare och samhalle', None),  # 0
        ('målområde', None, 'Process', None),  # 1
        ('strategi', None, 'Kvalitet och utveckling', 1),  # 2
        ('strategi', None, 'Att skapa virde tillsammans med de Region Ore', 2),  # 3
        ('strategi', None, 'Att leda for hallbarhet', 2),  # 4
        ('strategi', None, 'Att involvera och motivera medarbetare', 2),  # 5
        ('strategi', None, 'Att utveckla vardeskapande processer', 2),  # 6
        ('strategi', None, 'Att forbattra verksamheten och skapa innovati', 2),  # 7
        ('mål', None, 'Regionservice ar en maéjliggérande och vardes', 2),  # 8
        ('mål', None, 'Vara medarbetare &r involverade, motiverade o', 2),  # 9
        ('uppdrag', None, 'Regionservice verksamheter far i uppdrag att ', 2),  # 10
        ('uppdrag', None, 'Regionservice (Maltidsservice ) far i uppdrag', 2),  # 11
        ('strategi', None, 'Beredskap och sékerhet', 1),  # 12
        ('strategi', None, 'Att verka for att beredskaps- och sékerhetsfr', 12),  # 13
        ('strategi', None, 'Att dverenskommelserna med staten avseende de', 12),  # 14
        ('uppdrag', None, 'Regionservice far i uppdrag att skapa en stru', 12),  # 15
        ('strategi', None, 'Digitalisering', 1),  # 16
        ('strategi', None, 'Att skapa en hog grad av forankring och att v', 16),  # 17
        ('strategi', None, 'Att arbeta med utbildning och en larande orga', 16),  # 18
        ('mål', None, 'Vi digitaliserar for att mojliggora dkad leve', 16),  # 19
        ('uppdrag', None, 'Omrade IT far i uppdrag att tydliggora sin ro', 16),  # 20
        ('uppdrag', None, 'Omrade IT far i uppdrag att etablera en val f', 16),  # 21
        ('uppdrag', None, 'Shared Service Center far i uppdrag att imple', 16),  # 22
        ('strategi', None, 'Hallbar utveckling', 1),  # 23
        ('strategi', None, 'Att samverka och kommunicera tvarfunktionellt', 23),  # 24
        ('strategi', None, 'Attt skapa en hog grad av férankring och agan', 23),  # 25
        ('strategi', None, 'Att ha en tydlig malstyrning och kontinuerlig', 23),  # 26
        ('strategi', None, 'Att arbeta med utbildning och en larande orga', 23),  # 27
        ('mål', None, 'Vi uppmuntrar och sékerstaller hallbarhet i v', 23),  # 28
        ('uppdrag', None, 'Omrade fastigheter far i uppdrag att genomfor', 23),  # 29
        ('uppdrag', None, 'Omrade fastigheter far i uppdrag att oka anta', 23),  # 30
        ('strategi', None, 'Hallbar regional utveckling', 1),  # 31
        ('strategi', None, 'Att driva genomforandet av Regional utvecklin', 31),  # 32
        ('strategi', None, 'Att driva insatser som skapar likvérdiga foru', 31),  # 33
        ('strategi', None, 'Att bygga resiliens och utvecklingskapacitet ', 31),  # 34
        ('strategi', None, 'Storregionalt och internationellt samarbete', 1),  # 35
        ('strategi', None, 'Att samverka storregionalt for att stirka lén', 35),  # 36
        ('strategi', None, 'Att samverka internationellt enligt Region Or', 35),  # 37
        ('målområde', None, 'Resurs', None),  # 38
        ('effektmål', '9', 'Region Orebro lan ar en attraktiv arbetsgivar', 38),  # 39
        ('effektmål', '10', 'Region Orebro lan har en langsiktig stark och', 38),  # 40
    ],
    # Västernorrland, Regionstyrelsen, verksamhetsplan 2024–2026
    '003_ed4c0936e15400ec': [
        ('målområde', '1', 'Ett attraktivt Västernorrland med hållbar utv', None),  # 0
        ('mål', None, 'Region Västernorrland agerar som en sammanhål', 0),  # 1
        ('uppdrag', None, 'Tillse att det under mandatperioden börjar re', 1),  # 2
        ('uppdrag', None, 'Fortsätta att utveckla samverkan med civilsam', 1),  # 3
        ('uppdrag', None, 'Bevaka och stödja att sammanhållen regional p', 1),  # 4
        ('uppdrag', None, 'Tillse att den pågående utvecklingen av proce', 1),  # 5
        ('uppdrag', None, 'Tillse att den pågående utvecklingen av arbet', 1),  # 6
        ('uppdrag', None, 'Tillse och bevaka att det sker en samordning ', 1),  # 7
        ('mål', None, 'Vi främjar förutsättningarna för god och jäml', 0),  # 8
        ('uppdrag', None, 'Följa hur regionen medverkar till omställning', 8),  # 9
        ('uppdrag', None, 'I beställningen av primärvård ytterligare tyd', 8),  # 10
        ('uppdrag', None, 'Följa hur de kvalitetsparametrar, som har bär', 8),  # 11
        ('uppdrag', None, 'Följa upp att arbetet i den politiska samverk', 8),  # 12
        ('uppdrag', None, 'Se till att arbetet utifrån det konkretiserad', 8),  # 13
        ('målområde', '2', 'Region Västernorrland utvecklar arbetet för e', None),  # 14
        ('mål', None, 'Vi erbjuder vård som utgår från individens be', 14),  # 15
        ('uppdrag', None, 'Följa och analysera hur samverkan inom samägd', 15),  # 16
        ('uppdrag', None, 'I beställningen av primärvård samt i uppföljn', 15),  # 17
        ('uppdrag', None, 'Tillse och följa upp att samtliga verksamhete', 15),  # 18
        ('uppdrag', None, 'Tillse och följa upp att vidareutveckling av ', 15),  # 19
        ('mål', None, 'Vi bedriver kunskapsbaserad, trygg och säker ', 14),  # 20
        ('uppdrag', None, 'Ta del av och medverka i samanalyser som rör ', 20),  # 21
        ('uppdrag', None, 'I beställningen av primärvård, samt i dialog ', 20),  # 22
        ('målområde', '3', 'Vi skapar mervärde för befolkningen genom vår', None),  # 23
        ('mål', None, 'Vi erbjuder attraktiva arbetsplatser för meda', 23),  # 24
        ('uppdrag', None, 'Bevaka och analysera hur medarbetarskap och l', 24),  # 25
        ('uppdrag', None, 'Samordna och följa upp arbetet med effektivis', 24),  # 26
        ('uppdrag', None, 'Fortsatt förbättra förutsättningarna för att ', 24),  # 27
        ('uppdrag', None, 'Bevaka hur en god akademisk miljö och förutsä', 24),  # 28
        ('uppdrag', None, 'Tillse att proaktiva insatser i kompetensförs', 24),  # 29
        ('uppdrag', None, 'Med uppmärksamhet följa hur samhällets utveck', 24),  # 30
        ('mål', None, 'Vi främjar samarbete, innovation och utveckli', 23),  # 31
        ('uppdrag', None, 'Efterfråga återkommande uppdateringar av fram', 31),  # 32
        ('uppdrag', None, 'Tillse ökad styrbarhet inom regionstyrelsens ', 31),  # 33
        ('uppdrag', None, 'Säkerställa att utvecklingen inom regionens ö', 31),  # 34
    ],
    # Halland, Regionstyrelsen, verksamhetsplan 2024
    '004_a21d5508182b01d5': [
        ('målområde', None, 'Hållbarhet', None),  # 0
        ('uppdrag', None, 'Regionstyrelsen ska säkerställa ett barnrätts', 0),  # 1
        ('uppdrag', None, 'Regionstyrelsen ska ha en minskad klimatpåver', 0),  # 2
        ('uppdrag', None, 'Regionstyrelsen ska bidra till en hållbar res', 0),  # 3
        ('målområde', None, 'Medarbetare', None),  # 4
        ('uppdrag', None, 'Regionstyrelsen ska ta fram en kompetensförsö', 4),  # 5
        ('målområde', None, 'Robusta verksamheter', None),  # 6
        ('uppdrag', None, 'Regionstyrelsen ska ta fram en kontinuitetspl', 6),  # 7
    ],
}
INDICATORS = {
    '000_27f8406190a0567d': [
        (1, None, 'Fler patienter screenas med levnadsvaneformul', []),
        (1, None, 'Antalet patienter som får hälsofrämjande beha', []),
        (1, None, 'Andelen i Örebro län som anser att de har til', []),
        (2, None, 'Telefontillgängligheten i primärvården ska fö', []),
        (2, None, 'Tillgängligheten till primärvården enligt den', []),
        (3, None, 'De hälsofrämjande insatserna i riskområden sk', []),
        (3, None, 'Antalet sjukdomsförebyggande åtgärder inom ta', []),
        (4, None, 'Minst 50 procent av alla vuxna patienter bli ', []),
        (5, None, 'Handlingsplanerna inom folkhälsa, God jämlik ', []),
        (5, None, 'Sambandet mellan livsvillkor, levnadsvanor oc', []),
        (31, None, 'Hållbart medarbetarengagemang, HME, ska öka i', []),
        (31, None, 'Jämställdhetsindex, Jämix, ska öka i jämförel', []),
        (31, None, 'Frisktalet ska förbättras i jämförelse med fö', []),
        (31, None, 'Attraktiv arbetsgivarindex, AVI, ska öka i jä', []),
        (31, None, 'Personalomsättningen externt ska redovisas. D', []),
        (31, None, 'Resultat av avslutningssamtal ska redovisas s', []),
        (31, None, 'Region Örebro läns nya värdegrund ska integre', []),
        (32, None, 'Styrelsen och nämnderna redovisar ett resulta', []),
        (33, None, 'Regionkansliet har alltid ett utvecklingsorie', []),
        (33, None, 'Regionkansliet har bra samverkan och goda rel', []),
        (33, None, 'Regionkansliets huvudsakliga processer är eff', []),
    ],
    '001_456057fb73cc2169': [
        (1, None, 'Forbattrade resultat i det forebyggande arbet', [('utfall', 2024, '', 'Delvis', None)]),
        (1, None, 'Fler patienter screenas med levnadsvaneformul', []),
        (1, None, 'Antalet patienter som far halsoframjande beha', [('utfall', 2024, '27 483 st', 'M', None), ('målvärde', 2024, '38213st', None, None)]),
        (1, None, 'Andelen i Orebro 1an som anser att de har til', [('utfall', 2024, '84 %', 'W', None), ('målvärde', 2024, '87', None, None)]),
        (2, None, 'Enligt vardgarantin ska patienter som kontakt', []),
        (4, None, 'De hélsoframjande insatserna i socioekonomisk', [('utfall', 2024, '', 'Helt', None)]),
        (4, None, 'Andel barn och unga 2-23 ar i lanet som uppvi', [('utfall', 2024, '', 'Helt', None)]),
        (5, None, 'Andelen barn och unga 2-23 ar i lanet som int', [('utfall', 2024, '11,0%', 'B', None), ('målvärde', 2024, '89%', None, 'decimal comma possibly lost (OCR)')]),
        (5, None, 'Andelen av personkretsen som omfattas av tand', [('utfall', 2024, '40 %', None, None), ('målvärde', 2024, '40 %', None, None)]),
        (6, None, 'Utslapp av vaxthusgaser ska minska. Ton koldi', [('utfall', 2024, '1,174 miljoner ton', '1M', None), ('målvärde', 2024, '1,145 miljoner ton', None, None)]),
        (6, None, 'Okad nationell attraktionskraft som mats som ', [('utfall', 2024, '17,5%', 'B', None), ('målvärde', 2024, '182%', None, 'decimal comma possibly lost (OCR)')]),
        (8, None, 'Ett fortsatt 6kat utbud av digitala tjanster ', [('utfall', 2024, '', 'Helt', None)]),
        (8, None, 'Forbattrad tillganglighet i forsta linjens va', [('utfall', 2024, '', 'Helt', None)]),
        (8, None, 'Awven psykiatrin planeras att kunna vara en d', []),
        (8, None, 'Antal kommuner som uppnatt indikatorn om 95 p', [('utfall', 2024, '1st', 'B', None), ('målvärde', 2024, '12st', None, None)]),
        (50, None, 'Hallbart medarbetarengagemang, HME, ska ligga', [('utfall', 2024, '83', None, None), ('målvärde', 2024, '>78', None, None)]),
        (50, None, 'Jamstalldhetsindex, Jamix, ska 6ka i jamforel', []),
        (50, None, 'Frisktalet ska forbéttras i jamforelse med fo', [('utfall', 2024, '69 %', None, None), ('målvärde', 2024, '69 %', None, None)]),
        (50, None, 'Personalomsattningen externt ska redovisas. D', [('utfall', 2024, '8 %', None, None), ('målvärde', 2024, '6 %', None, None)]),
        (50, None, 'Region Orebro lans vardegrund ska efterlevas ', [('utfall', 2024, '', 'Helt', None)]),
        (51, None, 'Styrelsen och ndmnderna redovisar ett resulta', [('utfall', 2024, '', 'Helt', None)]),
    ],
    '002_d46f54dcbd8270a5': [
        (8, None, 'Det finns samverkans- och utvecklingsforum me', []),
        (8, None, 'Verksamheten involverar kunder i forbattrings', []),
        (9, None, 'Kompetens i forandringsledning ska oka i var ', []),
        (9, None, 'Utveckling sker systematiskt och metodiskt ge', []),
        (9, None, 'HME delindex Motivation ska 0ka.', []),
        (9, None, 'HME delindex Ledning ska bibehallas eller dka', []),
        (19, None, 'Den digitala mognaden ska oka.', []),
        (39, None, 'Hallbart medarbetarengagemang, HME, ska ligga', []),
        (39, None, 'Jamstalldhetsindex, Jamix, ska oka i jamforel', []),
        (39, None, 'Frisktalet ska forbéttras i jamfcrelse med fo', []),
        (39, None, 'Personalomsattningen externt ska redovisas. D', []),
        (39, None, 'Region Orebro lans virdegrund ska efterlevas ', []),
        (40, None, 'Styrelsen och ndmnderna redovisar ett resulta', []),
        (40, None, 'Verksamhetens maluppfyllelse ar god.', []),
    ],
    '003_ed4c0936e15400ec': [
        (1, 'kvantitativ', 'Regionalt utvecklingsansvar: Antal gemensamma', [('utfall', 2021, 'Ny indikator 2024', None, None), ('utfall', 2022, 'Ny indikator 2024', None, None), ('målvärde', 2024, 'Ny indikator', None, None), ('målvärde', 2026, 'Ska utarbetas', None, None)]),
        (8, 'kvantitativ', 'God och nära vård: Delperspektivet Från reakt', [('utfall', 2021, 'Ny indikator 2024', None, None), ('utfall', 2022, 'Ny indikator 2024', None, None), ('målvärde', 2024, 'Ja', None, None), ('målvärde', 2026, 'Ja Ja', None, None)]),
        (8, 'kvalitativ', 'Utveckling av samverkan genom HälSam i enligh', []),
        (8, 'kvalitativ', 'Samverkan inom ramen för Programmet God och n', []),
        (15, 'kvantitativ', 'God och nära vård: Delperspektiv Från isolera', [('utfall', 2021, 'Ny indikator 2024', None, None), ('utfall', 2022, 'Ny indikator 2024', None, None), ('målvärde', 2024, 'Ja', None, None), ('målvärde', 2026, 'Ja', None, None)]),
        (15, 'kvantitativ', 'God och nära vård: Delperspektiv Från patient', [('utfall', 2021, 'Ny indikator 2024', None, None), ('utfall', 2022, 'Ny indikator 2024', None, None), ('målvärde', 2024, 'Ja', None, None), ('målvärde', 2026, 'Ja', None, None)]),
        (15, 'kvantitativ', 'God och nära vård: Delperspektiv Från fokus p', [('utfall', 2021, 'Ny indikator 2024', None, None), ('utfall', 2022, 'Ny indikator 2024', None, None), ('målvärde', 2024, 'Ja', None, None), ('målvärde', 2026, 'Ja', None, None)]),
        (20, 'kvantitativ', 'Hållbart säkerhetsengagemang (HSE) övergripan', [('utfall', 2021, '75', None, None), ('utfall', 2022, '75', None, None), ('målvärde', 2024, '>75', None, None)]),
        (20, 'kvantitativ', 'Andel verksamheter med upprättad patientsäker', [('utfall', 2022, '100 %', None, None), ('målvärde', 2024, '100 %', None, None)]),
        (24, 'kvantitativ', 'Hållbart medarbetarengagemang (HME), totalind', [('utfall', 2021, 'RVN 77, RLF 74', None, None), ('utfall', 2022, 'RVN 77, RLF 74', None, None), ('målvärde', 2024, 'Bibehålla/öka', None, None)]),
        (24, 'kvantitativ', 'Hållbart medarbetarengagemang (HME), Delindex', [('utfall', 2021, 'RVN 79, RLF 75', None, None), ('utfall', 2022, 'RVN 79, RLF 75', None, None), ('målvärde', 2024, 'Bibehålla/öka', None, None)]),
        (24, 'kvantitativ', 'Hållbart medarbetarengagemang (HME), Delindex', [('utfall', 2021, 'RVN 80, RLF 78', None, None), ('utfall', 2022, 'RVN 80, RLF 77', None, None), ('målvärde', 2024, 'Bibehålla/öka', None, None)]),
        (24, 'kvalitativ', 'Stärkt kompetensförsörjning - regionövergripa', []),
        (31, 'kvantitativ', 'Hållbart medarbetarengagemang (HME), delindex', [('utfall', 2021, 'RVN 72, RLF 69', None, None), ('utfall', 2022, 'RVN 72, RLF 69', None, None), ('målvärde', 2024, 'Bibehålla/öka', None, None)]),
        (31, 'kvantitativ', 'Resultat DiMiOS, självskattningsverktyg Digit', [('utfall', 2021, '-', None, None), ('utfall', 2022, '39 %', None, None), ('målvärde', 2024, '42 %', None, None)]),
        (31, 'kvalitativ', 'Civil beredskap, fortsatt utveckling enligt p', []),
        (31, 'kvalitativ', 'RVN Hållbarhetsplan: Resultaten i aktuella de', []),
    ],
    '004_a21d5508182b01d5': [
        (4, None, 'Personalomsättning', [('målvärde', 2024, '11,0', None, None)]),
        (4, None, 'Sjukfrånvaro', [('målvärde', 2024, '5,2', None, None)]),
        (None, None, 'Periodresultat', []),
        (None, None, 'Akkumulerad budgetavvikelse', []),
        (None, None, 'Prognos budgetavvikelse', []),
        (None, None, 'Prognos Investeringsbudgetavvikelse', []),
    ],
}
# fmt: on
