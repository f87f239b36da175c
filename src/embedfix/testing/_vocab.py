"""Words, names, emoji and news sentences the generators build realistic text from.

This is fixture vocabulary written for the generators, not reference data: it only has to look like
what real tweets and news paragraphs contain (many scripts, emoji sequences, names with symbols).
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text``."""
    return tuple(text.split())


WORDS: dict[str, tuple[str, ...]] = {
    "en": _words(
        "the storm is coming tonight stay safe everyone what a game we did it thank you so much for support new video out now breaking minister says vote today love this"
    ),
    "fr": _words(
        "la tempête arrive ce soir restez prudents quel match merci à tous pour votre soutien nouvelle vidéo en ligne le ministre annonce été très fière d’être ici aujourd’hui"
    ),
    "es": _words(
        "la tormenta llega esta noche cuídense mucho qué partido gracias a todos por su apoyo nuevo vídeo ya disponible el presidente anunció mañana año señor pequeño"
    ),
    "de": _words(
        "der Sturm kommt heute Abend bleibt sicher was für ein Spiel danke euch allen Unterstützung neues Video jetzt online Bürgermeister sagt größte Straße Grüße schön"
    ),
    "pt": _words(
        "a tempestade chega hoje à noite fiquem seguros que jogo obrigado todos pelo apoio novo vídeo governo anunciou ação coração não"
    ),
    "tr": _words(
        "bugün büyük bir maç teşekkürler herkese destek için yeni video yayında İstanbul güzel şehir çok ağır"
    ),
    "ru": _words(
        "сегодня вечером будет шторм берегите себя какая игра спасибо всем за поддержку новое видео министр заявил мы сделали это"
    ),
    "uk": _words("дякуємо всім за підтримку сьогодні Київ їжа новини країна"),
    "el": _words("σήμερα το βράδυ ευχαριστώ πολύ όλους νέο βίντεο Αθήνα"),
    "ar": _words("اليوم عاصفة قوية شكرا لكم جميعا على الدعم فيديو جديد الوزير قال مباراة رائعة"),
    "fa": _words("امروز طوفان ممنون از همه ویدیو جدید ایران"),
    "he": _words("היום סערה תודה לכולם על התמיכה סרטון חדש"),
    "hi": _words("आज रात तूफ़ान आएगा सभी का धन्यवाद नया वीडियो भारत"),
    "bn": _words("আজ রাতে ঝড় সবাইকে ধন্যবাদ নতুন ভিডিও"),
    "th": _words("วันนี้ พายุ ขอบคุณ ทุกคน วิดีโอ ใหม่"),
    "ja": _words(
        "今夜 台風 が 来ます 皆さん 気をつけて ください ありがとう 新しい 動画 公開 しました 東京 試合 最高 でした"
    ),
    "zh": _words("今晚 台风 来了 大家 注意 安全 谢谢 支持 新 视频 北京"),
    "ko": _words("오늘 밤 태풍이 옵니다 모두 조심하세요 감사합니다 새 영상 서울"),
}
"""Words per language code; ``ja``, ``zh`` and ``th`` are written without spaces between words."""

NO_SPACE_LANGS = frozenset({"ja", "zh", "th"})
"""Languages whose words are joined without spaces."""

RTL_LANGS = frozenset({"ar", "fa", "he"})
"""Languages written right to left (``dir="rtl"`` in the markup)."""

SENTENCE_END: dict[str, tuple[str, ...]] = {
    "ja": ("。", "！", ""),
    "zh": ("。", "！", ""),
    "ko": (".", "!", ""),
    "th": ("", "!"),
}
"""Sentence-final punctuation where it differs from the default ``(".", "!", "")``."""

EMOJI: tuple[str, ...] = (
    "😂",
    "❤️",
    "🔥",
    "🙏",
    "👍🏽",
    "🇷🇺",
    "🇫🇷",
    "👨\u200d👩\u200d👧",
    "✨",
    "⚽",
    "🎉",
    "📸",
    "😭",
    "✓",
    "♬",
    "‼️",
    "🏳️\u200d🌈",
)
"""Emoji as they occur in tweets: astral, BMP with VS16, flags, skin tones, ZWJ sequences."""

FIRST_NAMES: tuple[str, ...] = (
    "Jane",
    "Hugo",
    "Mike",
    "Élodie",
    "José",
    "Jürgen",
    "Ana",
    "Chidi",
    "Priya",
    "Siobhán",
    "Иван",
    "Олена",
    "محمد",
    "山田",
    "김",
    "Νίκος",
    "Zoë",
    "Björk",
)
LAST_NAMES: tuple[str, ...] = (
    "Doe",
    "Bowne-Anderson",
    "Kearney",
    "Martin",
    "García",
    "Müller",
    "O'Brien",
    "Okafor",
    "Sharma",
    "Петров",
    "Коваль",
    "علي",
    "太郎",
    "민준",
    "Παπαδόπουλος",
    "de la Cruz",
)
ORGANISATIONS: tuple[str, ...] = (
    "BBC News (World)",
    "Le Monde",
    "LQS News",
    "Ministère de l'Intérieur",
    "NASA",
    "Met Office",
    "Reuters",
    "Real Madrid C.F.",
    "МИД России",
    "NHK ニュース",
    "Daily Kos",
    "programmer@work",
)
NAME_SUFFIXES: tuple[str, ...] = (" 📊", " ✨", " 🇺🇦", ", Ph.D.", " (e/🤸)", "さん", " 🖤🧡")
"""Decorations people add to display names."""

HANDLE_STEMS: tuple[str, ...] = (
    "jane",
    "hugobowne",
    "kearneymw",
    "elodie_m",
    "jgarcia",
    "muller",
    "obrien",
    "news",
    "bbcworld",
    "lemondefr",
    "LoQueSigue_",
    "NASA",
    "metoffice",
    "Reuters",
    "realmadrid",
    "MID_RF",
    "nhk_news",
    "dailykos",
    "catshealdeprsn",
    "mysk_co",
)
"""Stems of realistic handles (digits or underscores are sometimes added)."""

HANDLE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
"""The characters of a Twitter handle."""

ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
"""The characters of t.co and pic.twitter.com ids."""

NEWS: dict[str, tuple[str, ...]] = {
    "en": (
        "The mayor said the harbour road would stay closed until Monday.",
        "Forecasters expect gusts of up to 90 mph along the coast.",
        "Residents were told to keep away from the sea front.",
        "The club confirmed the signing on Tuesday evening.",
        "Officials — speaking on condition of anonymity — said talks had stalled.",
        "On March 3, 2019 the council voted to approve the plan.",
        "Fans took to social media to share their reaction.",
        "Police said two people had been arrested.",
        "Asked whether he would resign, he said: “Not today.”",
        "Follow our live coverage on X at @newsdesk for updates.",
    ),
    "fr": (
        "Le maire a indiqué que la route du port resterait fermée jusqu’à lundi.",
        "Météo-France prévoit des rafales jusqu’à 140 km/h sur le littoral.",
        "Les habitants ont été invités à rester chez eux.",
        "Le club a officialisé le transfert mardi soir.",
        "Selon la préfecture, deux personnes ont été interpellées.",
        "Les supporters ont réagi en nombre sur les réseaux sociaux.",
        "« Nous ne lâcherons rien », a-t-elle déclaré — sans plus de précisions.",
    ),
    "es": (
        "El alcalde dijo que la carretera del puerto seguirá cerrada hasta el lunes.",
        "La Aemet prevé rachas de hasta 120 km/h en la costa.",
        "Los vecinos fueron desalojados durante la madrugada.",
        "El club confirmó el fichaje el martes por la noche.",
        "¿Qué pasará ahora? Nadie lo sabe todavía.",
        "Los aficionados reaccionaron en las redes sociales.",
    ),
    "de": (
        "Der Bürgermeister sagte, die Hafenstraße bleibe bis Montag gesperrt.",
        "Der Wetterdienst rechnet mit Böen von bis zu 120 km/h an der Küste.",
        "Die Anwohner wurden aufgefordert, zu Hause zu bleiben.",
        "Der Verein bestätigte den Wechsel am Dienstagabend.",
        "Die Polizei nahm zwei Personen fest – die Ermittlungen dauern an.",
        "Fans reagierten in den sozialen Netzwerken.",
    ),
    "ru": (
        "Мэр заявил, что портовая дорога будет закрыта до понедельника.",
        "Синоптики ожидают порывы ветра до 30 метров в секунду.",
        "Жителей попросили не выходить из дома.",
        "Клуб подтвердил переход во вторник вечером.",
        "Болельщики бурно отреагировали в социальных сетях.",
    ),
    "ja": (
        "市長は月曜日まで港の道路を閉鎖すると述べた。",
        "気象庁は沿岸部で強い風が吹くと予想している。",
        "住民には外出を控えるよう呼びかけられた。",
        "クラブは火曜日の夜に移籍を正式に発表した。",
        "ファンはSNSで次々と反応を寄せた。",
    ),
}
"""News sentences per article language, with the decoys real prose has (dashes, dates, handles)."""
