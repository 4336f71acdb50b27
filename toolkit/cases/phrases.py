"""Texts of the realistic generator that are not documents: observation notes, answers,
follow-up results, document titles for the assessor's own records.

None of them quotes a KUK: an observation says what the assessor saw in general terms and
ticks the result; an answer is judged against the instrument bank's expected answer.
Every template has an Indonesian (``id``) and an English (``en``) version.
"""

from __future__ import annotations

OBSERVED_MET: dict[str, tuple[str, ...]] = {
    "id": (
        "Asesi mengerjakan langkah ini sendiri tanpa arahan; hasilnya diperiksa dan sesuai "
        "acuan pembanding TUK.",
        "Dikerjakan runtut dan rapi; asesi menjelaskan alasan tiap langkah ketika ditanya.",
        "Asesi menyelesaikan tugas ini dalam waktu yang ditetapkan; tidak ada kesalahan "
        "yang perlu diperbaiki.",
    ),
    "en": (
        "The asesi did this step alone, without prompting; the result was checked and meets "
        "the TUK benchmark.",
        "Done in order and neatly; the asesi explained the reason for each step when asked.",
        "The asesi finished this task within the set time; nothing needed correcting.",
    ),
}
OBSERVED_NOT_MET: dict[str, tuple[str, ...]] = {
    "id": (
        "Asesi berhenti di tengah langkah dan meminta petunjuk; hasil akhirnya belum sesuai "
        "acuan pembanding.",
        "Langkah ini dilewati; ketika diminta mengulang, asesi belum dapat menyelesaikannya.",
    ),
    "en": (
        "The asesi stopped halfway and asked for guidance; the result does not yet meet the "
        "benchmark.",
        "This step was skipped; asked to do it again, the asesi could not finish it.",
    ),
}
WRONG_ANSWER: dict[str, tuple[str, ...]] = {
    "id": (
        "Saya kurang tahu; biasanya bagian itu diurus rekan saya.",
        "Menurut saya cukup mengikuti kebiasaan di kantor saja, tidak ada aturan khusus.",
    ),
    "en": (
        "I'm not sure; a colleague usually handles that part.",
        "I think you just follow what the office usually does; there is no special rule.",
    ),
}
RIGHT_PREFIX: dict[str, str] = {"id": "Menurut pengalaman saya: ", "en": "From my experience: "}
GENERIC_QUESTION: dict[str, str] = {
    "id": "Ceritakan bagaimana Anda mengerjakan hal yang dituntut KUK {label} pada pekerjaan "
          "terakhir Anda, dan bagaimana Anda memeriksa hasilnya.",
    "en": "Tell how you did what KUK {label} asks for in your last job, and how you checked "
          "the result.",
}
GENERIC_EXPECTED: dict[str, str] = {
    "id": "Asesi menguraikan urutan kerja yang nyata, alat atau dokumen yang dipakai, dan "
          "cara memeriksa hasil sebelum diserahkan kepada atasan.",
    "en": "The asesi describes a real order of work, the tools or documents used, and how "
          "the result is checked before handing it to the superior.",
}
CLARIFICATION_TITLE: dict[str, str] = {
    "id": "Klarifikasi bukti pihak ketiga (FR.IA.10)",
    "en": "Third-party evidence clarification (FR.IA.10)",
}
CLARIFICATION_YES: dict[str, str] = {
    "id": "{supervisor}, atasan langsung asesi di {employer}, dihubungi asesor pada {date} dan "
          "menjawab \u201cYa\u201d: asesi melakukan pekerjaan ini secara rutin dan mandiri; "
          "contoh terakhir ditunjukkan.",
    "en": "{supervisor}, the asesi's direct superior at {employer}, was contacted by the "
          "assessor on {date} and answered \u201cYes\u201d: the asesi does this work routinely "
          "and alone; a recent example was shown.",
}
CLARIFICATION_NO: dict[str, str] = {
    "id": "{supervisor}, atasan langsung asesi di {employer}, dihubungi asesor pada {date} dan "
          "menjawab \u201cTidak\u201d: pekerjaan ini di kantor dikerjakan orang lain; asesi "
          "hanya membantu sesekali.",
    "en": "{supervisor}, the asesi's direct superior at {employer}, was contacted by the "
          "assessor on {date} and answered \u201cNo\u201d: at the office this work is done by "
          "someone else; the asesi only helps now and then.",
}
CONTRIBUTION: dict[str, str] = {
    "id": "Bagian {owner}: {share} dari pekerjaan, tercatat pada lembar pembagian tugas tim.",
    "en": "{owner}'s part: {share} of the work, recorded on the team's task sheet.",
}
SHARES: dict[str, tuple[str, ...]] = {
    "id": ("seluruh modul utama", "separuh", "sepertiga"),
    "en": ("all of the main module", "half", "a third"),
}
SIGNATORY_ROLE: dict[str, str] = {"id": "atasan langsung", "en": "direct superior"}
BACKGROUND: dict[str, str] = {
    "id": "Lulusan {school}; kini bekerja sebagai {role} di {employer}, {city}.",
    "en": "Graduate of {school}; now works as {role} at {employer}, {city}.",
}

__all__ = [
    "BACKGROUND",
    "CLARIFICATION_NO",
    "CLARIFICATION_TITLE",
    "CLARIFICATION_YES",
    "CONTRIBUTION",
    "GENERIC_EXPECTED",
    "GENERIC_QUESTION",
    "OBSERVED_MET",
    "OBSERVED_NOT_MET",
    "RIGHT_PREFIX",
    "SHARES",
    "SIGNATORY_ROLE",
    "WRONG_ANSWER",
]
