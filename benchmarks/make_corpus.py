"""A deterministic, realistic mixed corpus for the benchmarks: news articles, a few with embeds.

The mix mirrors a scraped news crawl: 95% of documents are ordinary articles with no embed (the
fast path most documents take), 5% carry one to three flattened tweets in the layouts scrapers
produce (glued to a media link, signature on its own line, date glued to the next paragraph,
``--`` for the dash, signature split over lines, localised dates), and a few have mojibake
(``â€™``) or ``????`` damage. Every sentence is generated from templates written for this file.

    python benchmarks/make_corpus.py --docs 2000 -o corpus.jsonl
    python benchmarks/make_corpus.py --mb 1024 -o big.jsonl      # about 1 GB, streamed

The same ``--seed`` always gives the same corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

EMBED_SHARE = 0.05
MOJIBAKE_SHARE = 0.02
LOST_SHARE = 0.01

# --- Sentence templates, per language -------------------------------------------------------------

SENTENCES: dict[str, list[str]] = {
    "en": [
        "The {org} said on {day} that talks with {person} would resume in {place} next week.",
        "Officials in {place} estimated that {num} households were affected by the decision.",
        "“We are not going to wait any longer,” {person} told reporters outside the building.",
        "The proposal, which was first floated in {year}, has divided members of the {org}.",
        "Critics argue the plan does little for residents of {place}, where rents rose {pct}% last year.",
        "{person}, who has led the {org} since {year}, declined to comment on the figures.",
        "According to a report published on {day}, the project could cost up to {num} million.",
        "Local businesses said they had not been consulted before the measures took effect.",
        "The vote is expected to take place on {day}, after a final round of consultations.",
        "Analysts at the {org} warned that growth in {place} could slow to {pct}% this year.",
        "It's the third time in {num} months that the council has postponed the hearing.",
        "Schools in {place} will remain open, the education department confirmed on {day}.",
    ],
    "fr": [
        "Le {org} a annoncé {day} que les négociations avec {person} reprendraient à {place}.",
        "Selon la préfecture de {place}, quelque {num} foyers sont concernés par la mesure.",
        "« Nous ne pouvons plus attendre », a déclaré {person} à la sortie de la réunion.",
        "Le projet, évoqué pour la première fois en {year}, divise les élus du {org}.",
        "Les loyers ont augmenté de {pct} % l'an dernier à {place}, rappellent les opposants.",
        "{person}, à la tête du {org} depuis {year}, n'a pas souhaité réagir à ces chiffres.",
        "D'après un rapport publié {day}, le chantier pourrait coûter jusqu'à {num} millions d'euros.",
        "Les commerçants du centre-ville affirment ne pas avoir été consultés.",
        "Le vote devrait avoir lieu {day}, après une dernière série de consultations.",
        "La croissance pourrait ralentir à {pct} % cette année, préviennent les économistes du {org}.",
    ],
    "de": [
        "Der {org} teilte am {day} mit, die Gespräche mit {person} würden in {place} fortgesetzt.",
        "Nach Angaben der Stadt {place} sind rund {num} Haushalte von der Entscheidung betroffen.",
        "„Wir können nicht länger warten“, sagte {person} nach der Sitzung vor Journalisten.",
        "Der Vorschlag, der erstmals {year} diskutiert wurde, spaltet die Mitglieder des {org}.",
        "In {place} sind die Mieten im vergangenen Jahr um {pct} Prozent gestiegen.",
        "{person}, seit {year} an der Spitze des {org}, wollte sich zu den Zahlen nicht äußern.",
        "Laut einem am {day} veröffentlichten Bericht könnte das Projekt bis zu {num} Millionen Euro kosten.",
        "Die Händler in der Innenstadt fühlen sich übergangen.",
        "Die Abstimmung ist für {day} geplant, nach einer letzten Anhörungsrunde.",
        "Ökonomen des {org} erwarten, dass das Wachstum in {place} auf {pct} Prozent sinkt.",
    ],
    "es": [
        "El {org} anunció el {day} que las conversaciones con {person} se reanudarán en {place}.",
        "Según el ayuntamiento de {place}, unas {num} familias se ven afectadas por la medida.",
        "«No podemos esperar más», afirmó {person} a la salida de la reunión.",
        "La propuesta, planteada por primera vez en {year}, divide a los miembros del {org}.",
        "Los alquileres subieron un {pct} % el año pasado en {place}, recuerdan los críticos.",
        "{person}, al frente del {org} desde {year}, declinó comentar las cifras.",
        "De acuerdo con un informe publicado el {day}, la obra podría costar hasta {num} millones.",
        "Los comerciantes del centro aseguran que no fueron consultados.",
        "La votación está prevista para el {day}, tras una última ronda de consultas.",
        "Los economistas del {org} advierten de que el crecimiento podría caer al {pct} %.",
    ],
    "pt": [
        "O {org} anunciou na {day} que as negociações com {person} serão retomadas em {place}.",
        "Segundo a prefeitura de {place}, cerca de {num} famílias foram afetadas pela decisão.",
        "“Não podemos esperar mais”, disse {person} à saída da reunião.",
        "A proposta, apresentada pela primeira vez em {year}, divide os membros do {org}.",
        "Os aluguéis subiram {pct}% no ano passado em {place}, lembram os críticos.",
        "{person}, que comanda o {org} desde {year}, não quis comentar os números.",
        "De acordo com um relatório publicado na {day}, a obra pode custar até {num} milhões.",
        "Os comerciantes do centro dizem que não foram consultados.",
    ],
    "ru": [
        "{org} сообщил в {day}, что переговоры с {person} возобновятся в городе {place}.",
        "По данным администрации города {place}, решение затронуло около {num} семей.",
        "«Мы больше не можем ждать», — заявил {person} журналистам после заседания.",
        "Предложение, впервые прозвучавшее в {year} году, разделило членов {org}.",
        "Аренда в городе {place} подорожала за прошлый год на {pct}%, напоминают критики.",
        "{person}, возглавляющий {org} с {year} года, отказался комментировать эти цифры.",
        "Согласно отчёту, опубликованному в {day}, проект может обойтись в {num} млн рублей.",
        "Голосование запланировано на {day}, после последнего раунда консультаций.",
    ],
}

FILLERS: dict[str, dict[str, list[str]]] = {
    "en": {
        "org": ["city council", "transport authority", "central bank", "health ministry", "union"],
        "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "place": ["Leeds", "Toronto", "Cape Town", "Brisbane", "Dublin", "Nairobi", "Austin"],
    },
    "fr": {
        "org": ["conseil municipal", "syndicat", "ministère", "comité régional"],
        "day": ["lundi", "mardi", "mercredi", "jeudi", "vendredi"],
        "place": ["Lyon", "Nantes", "Genève", "Liège", "Montréal", "Dakar"],
    },
    "de": {
        "org": ["Stadtrat", "Verkehrsverbund", "Bundesverband", "Betriebsrat"],
        "day": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"],
        "place": ["Leipzig", "Graz", "Basel", "Bremen", "Kassel"],
    },
    "es": {
        "org": ["ayuntamiento", "sindicato", "ministerio", "consejo regional"],
        "day": ["lunes", "martes", "miércoles", "jueves", "viernes"],
        "place": ["Valencia", "Rosario", "Bilbao", "Cali", "Málaga"],
    },
    "pt": {
        "org": ["conselho municipal", "sindicato", "ministério", "tribunal regional"],
        "day": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira"],
        "place": ["Porto", "Recife", "Curitiba", "Coimbra", "Belém"],
    },
    "ru": {
        "org": ["Городской совет", "Профсоюз", "Министерство", "Транспортный комитет"],
        "day": ["понедельник", "вторник", "среду", "четверг", "пятницу"],
        "place": ["Казань", "Самара", "Пермь", "Томск", "Омск"],
    },
}

PEOPLE = [
    "Maria Okafor", "Jean-Luc Martel", "Sabine Krüger", "Lucía Fernández", "João Pereira",
    "Ирина Волкова", "Tom Whitaker", "Amina Diallo", "Kenji Watanabe", "Priya Raman",
]  # fmt: skip

LANG_WEIGHTS = {"en": 50, "fr": 12, "de": 12, "es": 12, "pt": 7, "ru": 7}

# --- Tweets -------------------------------------------------------------------------------------

TWEET_TEXTS = [
    "Huge turnout at the {place} rally today. Thank you all! #{tag}",
    "Our statement on today's decision by the {org}: we will appeal.",
    "Merci à toutes et à tous pour votre soutien à {place} ! #{tag}",
    "Heute in {place}: großartige Stimmung beim Treffen mit @{mention}. #{tag}",
    "Gracias {place} 🙌 Seguimos trabajando. #{tag}",
    "Breaking: roads closed around {place} after the storm. Stay safe everyone 🌧️",
    "Добро пожаловать в {place}! Рады встрече 🇷🇺 #{tag}",
    "Thread 🧵 on what the new budget means for {place} (1/5)",
    "We did it!!! {num} signatures in {num2} days 🎉 @{mention}",
    "Just landed in {place} ✈️ Looking forward to the talks tomorrow.",
]
TAGS = ["Budget2021", "Elections", "StormAlex", "Klimaschutz", "Vivienda", "Transporte"]
ACCOUNTS = [
    ("Maria Okafor", "mariaokafor"), ("City of Leeds", "leedscc"), ("Jean-Luc Martel", "jlmartel"),
    ("Sabine Krüger 🌻", "sabine_kr"), ("Ministerio de Transportes", "transportes_es"),
    ("MFA Russia 🇷🇺", "mfa_russia"), ("Tom W. (he/him)", "tomwhit"), ("", "anon_reporter"),
    ("Priya Raman", "priyaraman"), ("Weather Desk", "wxdesk"),
]  # fmt: skip
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
}  # fmt: skip
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _date(rng: random.Random, lang: str) -> str:
    year, month, day = rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)
    name = MONTHS[lang][month - 1]
    return {
        "en": f"{name} {day}, {year}",
        "fr": f"{day} {name} {year}",
        "de": f"{day}. {name} {year}",
        "es": f"{day} de {name} de {year}",
        "pt": f"{day} de {name} de {year}",
        "ru": f"{day} {name} {year} г.",
    }[lang]


def _fill(rng: random.Random, template: str, lang: str) -> str:
    words = FILLERS[lang]
    return template.format(
        org=rng.choice(words["org"]),
        day=rng.choice(words["day"]),
        place=rng.choice(words["place"]),
        person=rng.choice(PEOPLE),
        num=f"{rng.randint(2, 950):,}",
        num2=rng.randint(2, 30),
        year=rng.randint(1998, 2024),
        pct=rng.randint(2, 19),
        tag=rng.choice(TAGS),
        mention=rng.choice(ACCOUNTS)[1],
    )


def _paragraph(rng: random.Random, lang: str) -> str:
    return " ".join(_fill(rng, rng.choice(SENTENCES[lang]), lang) for _ in range(rng.randint(2, 6)))


def _tweet(rng: random.Random, lang: str) -> tuple[str, bool]:
    """A flattened tweet in one of the layouts scrapers produce; True if it glues onward."""
    text = _fill(rng, rng.choice(TWEET_TEXTS), "en" if lang == "ru" else lang)
    name, handle = rng.choice(ACCOUNTS)
    media = "pic.twitter.com/" + "".join(rng.choice(ALNUM) for _ in range(10))
    link = "https://t.co/" + "".join(rng.choice(ALNUM) for _ in range(10))
    date = _date(rng, lang if rng.random() < 0.6 else "en")
    layout = rng.randrange(7)
    if layout == 0:  # bs4 get_text(): media link glued to the dash
        return f"{text} {media}— {name} (@{handle}) {date}", False
    if layout == 1:  # trafilatura / inscriptis: signature on its own line
        return f"{text} {media}\n— {name} (@{handle}) {date}", False
    if layout == 2:  # date glued to the next paragraph (minified HTML)
        return f"{text} {link}— {name} (@{handle}) {date}", True
    if layout == 3:  # html2text: the dash becomes --
        return f"> {text} {media}\n>\n> -- {name} (@{handle}) {date}", False
    if layout == 4:  # get_text('\n'): the signature exploded over lines
        return f"{text}\n{media}\n— {name} (@{handle})\n{date}", False
    if layout == 5:  # no media, a t.co link
        return f"{text} {link}\n— {name} (@{handle}) {date}", False
    return f"{text}— {name} (@{handle}) {date}", False


def _lose(rng: random.Random, text: str) -> str:
    """Replace each non-ASCII character by '?' per UTF-8 byte (a utf8mb3 column) or per char."""
    per_byte = rng.random() < 0.7
    return "".join(
        ch if ord(ch) < 128 else "?" * (len(ch.encode()) if per_byte else 1) for ch in text
    )


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def document(rng: random.Random, number: int) -> dict[str, Any]:
    """One article: a headline, paragraphs of 2-6 kB in total, sometimes embeds or damage."""
    lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
    target = rng.randint(2000, 6000)
    paragraphs = [_fill(rng, rng.choice(SENTENCES[lang]), lang).rstrip(".")]
    size = len(paragraphs[0])
    while size < target:
        paragraphs.append(_paragraph(rng, lang))
        size += len(paragraphs[-1]) + 1
    kinds = []
    if rng.random() < EMBED_SHARE:
        kinds.append("embed")
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            at = rng.randint(2, len(paragraphs))
            tweet, glue = _tweet(rng, lang)
            if glue and at < len(paragraphs):
                paragraphs[at] = tweet + paragraphs[at]
            else:
                paragraphs.insert(at, tweet)
    if rng.random() < LOST_SHARE:
        kinds.append("lost")
        at = rng.randrange(len(paragraphs))
        paragraphs[at] = _lose(rng, paragraphs[at] + " 🙏 " + rng.choice(PEOPLE))
    if rng.random() < MOJIBAKE_SHARE:
        kinds.append("mojibake")
        at = rng.randrange(len(paragraphs))
        paragraphs[at] = _mojibake(paragraphs[at] + " It’s “final”.")
    return {
        "id": f"doc{number:07d}",
        "lang": lang,
        "kinds": kinds,
        "text": "\n".join(paragraphs) + "\n",
    }


def generate(
    docs: int | None = None, *, seed: int = 7, max_bytes: int | None = None
) -> Iterator[dict[str, Any]]:
    """Yield ``docs`` documents (or documents until ``max_bytes`` of JSON Lines), deterministically."""
    rng = random.Random(seed)
    total = 0
    for number in itertools.count():
        if docs is not None and number >= docs:
            return
        record = document(rng, number)
        if max_bytes is not None:
            total += len(json.dumps(record, ensure_ascii=False).encode()) + 1
            if total > max_bytes:
                return
        yield record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, help="number of documents (default 2000)")
    parser.add_argument("--mb", type=float, help="instead of --docs: this many MB of JSON Lines")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", help="JSON Lines file (default: stdout)")
    args = parser.parse_args(argv)
    docs = args.docs if args.docs is not None or args.mb is not None else 2000
    max_bytes = int(args.mb * 1e6) if args.mb is not None else None
    with Path(args.output).open("w", encoding="utf-8") if args.output else sys.stdout as out:
        for record in generate(docs, seed=args.seed, max_bytes=max_bytes):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
