"""Word lists and templates from which the built-in generator writes a case.

Names, places and institutions are realistic but fictitious (no real company or
person is meant). Templates exist in Indonesian and English; the KUK wording is
quoted as the scheme has it. Placeholders: ``{owner}``, ``{issuer}``,
``{content}`` (the text the item is about), ``{topic}`` (an element title),
``{role}``, ``{signatory}``.

:data:`in_all_languages` renders a gettext message in every language at once,
for the reasons an answer key keeps (``{"id": …, "en": …}``).
"""

from __future__ import annotations

from ..i18n import LANGUAGES, gettext
from .model import EvidenceKind, LocalizedText

GIVEN_NAMES: tuple[str, ...] = (
    "Budi", "Siti", "Rizky", "Dewi", "Agus", "Ayu", "Made", "Andi", "Rina", "Yohanes",
    "Nur", "Fajar", "Intan", "Hendra", "Ratna", "Dimas", "Ahmad", "Maria", "Wahyu", "Putri",
    "Bayu", "Sri", "Eko", "Lestari", "Teguh", "Nadia", "Arif", "Yuliana", "Gede", "Rahmat",
)
FAMILY_NAMES: tuple[str, ...] = (
    "Santoso", "Rahayu", "Pratama", "Lestari", "Setiawan", "Wulandari", "Wirawan", "Rahman",
    "Simanjuntak", "Sitorus", "Aisyah", "Nugroho", "Permatasari", "Gunawan", "Kusumawati",
    "Ardiansyah", "Fauzi", "Lumbantobing", "Hidayat", "Saputra", "Siregar", "Harahap",
    "Nasution", "Purnomo", "Hakim", "Syahputra", "Manurung", "Mahendra", "Halim", "Tanjung",
)
CITIES: tuple[str, ...] = (
    "Jakarta", "Bandung", "Surabaya", "Yogyakarta", "Semarang", "Medan", "Makassar",
    "Denpasar", "Palembang", "Pontianak", "Ketapang", "Malang", "Balikpapan", "Padang",
)
SCHOOLS: tuple[str, ...] = (
    "Politeknik Negeri Nusa Raya", "Universitas Cendekia Mandiri", "SMK Negeri 3 Harapan",
    "Institut Teknologi Kencana", "Politeknik Bina Karya", "Universitas Pelita Bangsa Timur",
)
EMPLOYERS: tuple[str, ...] = (
    "PT Arunika Sistem Informatika", "PT Samudra Cipta Teknologi", "CV Cahaya Web Kreatif",
    "PT Garuda Infotama Raya", "Koperasi Sejahtera Bersama", "PT Mitra Kencana Digital",
    "PT Lintas Nusantara Logistik", "CV Sinar Mulia Abadi",
)
TRAINERS: tuple[str, ...] = (
    "LPK Mitra Informatika", "LKP Bina Karya Komputer", "Lembaga Pelatihan Cendekia Vokasi",
    "Balai Pelatihan Vokasi Nusantara", "LPK Tunas Terampil",
)
ROLES: dict[str, tuple[str, ...]] = {
    "id": ("staf pelaksana", "teknisi", "programmer", "analis", "koordinator lapangan"),
    "en": ("staff member", "technician", "programmer", "analyst", "field coordinator"),
}
SIGNATORY: dict[str, str] = {"id": "Kepala Bagian", "en": "Head of Department"}

#: Texts that concern no KUK of a typical scheme: content of an item that is not valid
#: when no KUK of another unit is far enough from the one claimed.
OFF_TOPIC: tuple[str, ...] = (
    "Surat masuk dan keluar diarsipkan menurut nomor agenda setiap minggu.",
    "Persediaan barang gudang dihitung ulang pada akhir bulan.",
    "Tamu disambut di meja resepsionis dan diantar ke ruang tunggu.",
    "Kendaraan operasional dicuci dan diperiksa tekanan bannya.",
    "Konsumsi rapat dipesan dari katering langganan.",
)

#: Kinds that carry an issuer (and so can have an inconsistent one).
ISSUED_KINDS: frozenset[EvidenceKind] = frozenset({
    EvidenceKind.CERTIFICATE, EvidenceKind.WORK_SAMPLE, EvidenceKind.LOG,
    EvidenceKind.THIRD_PARTY_REPORT, EvidenceKind.CV_ENTRY,
})
#: Kinds made during the assessment itself: the asesi's own, dated the assessment day.
ASSESSMENT_KINDS: frozenset[EvidenceKind] = frozenset({
    EvidenceKind.WRITTEN_ANSWER, EvidenceKind.OBSERVATION_NOTE,
})

TITLES: dict[str, dict[EvidenceKind, str]] = {
    "id": {
        EvidenceKind.CERTIFICATE: "Sertifikat pelatihan: {topic}",
        EvidenceKind.WORK_SAMPLE: "Contoh hasil kerja: {topic}",
        EvidenceKind.LOG: "Log foto dan video kegiatan: {topic}",
        EvidenceKind.THIRD_PARTY_REPORT: "Surat keterangan atasan: {topic}",
        EvidenceKind.CV_ENTRY: "Riwayat kerja: {role}",
        EvidenceKind.WRITTEN_ANSWER: "Jawaban tertulis: {topic}",
        EvidenceKind.OBSERVATION_NOTE: "Catatan observasi asesor: {topic}",
    },
    "en": {
        EvidenceKind.CERTIFICATE: "Training certificate: {topic}",
        EvidenceKind.WORK_SAMPLE: "Work sample: {topic}",
        EvidenceKind.LOG: "Photo and video log of work: {topic}",
        EvidenceKind.THIRD_PARTY_REPORT: "Supervisor's reference letter: {topic}",
        EvidenceKind.CV_ENTRY: "Work history: {role}",
        EvidenceKind.WRITTEN_ANSWER: "Written answer: {topic}",
        EvidenceKind.OBSERVATION_NOTE: "Assessor's observation note: {topic}",
    },
}
SUMMARIES: dict[str, dict[EvidenceKind, str]] = {
    "id": {
        EvidenceKind.CERTIFICATE: (
            "Sertifikat diterbitkan oleh {issuer} atas nama {owner}. Materi yang dinyatakan "
            "dikuasai: \u201c{content}\u201d"),
        EvidenceKind.WORK_SAMPLE: (
            "Hasil kerja {owner} pada proyek di {issuer}, dengan catatan pengerjaan yang "
            "menunjukkan: \u201c{content}\u201d"),
        EvidenceKind.LOG: (
            "Rekaman foto dan video kegiatan {owner} di {issuer} memperlihatkan: "
            "\u201c{content}\u201d"),
        EvidenceKind.THIRD_PARTY_REPORT: (
            "{signatory} {issuer} menerangkan bahwa {owner} secara rutin bekerja sebagai "
            "berikut: \u201c{content}\u201d"),
        EvidenceKind.CV_ENTRY: (
            "Daftar riwayat hidup {owner}: bekerja sebagai {role} di {issuer}, dengan tugas: "
            "\u201c{content}\u201d"),
        EvidenceKind.WRITTEN_ANSWER: (
            "Jawaban tertulis {owner} pada hari asesmen menjelaskan: \u201c{content}\u201d"),
        EvidenceKind.OBSERVATION_NOTE: (
            "Asesor mengamati {owner} di TUK; tercatat: \u201c{content}\u201d"),
    },
    "en": {
        EvidenceKind.CERTIFICATE: (
            "Certificate issued by {issuer} to {owner}. Material stated as mastered: "
            "\u201c{content}\u201d"),
        EvidenceKind.WORK_SAMPLE: (
            "Work by {owner} on a project at {issuer}, with working notes that show: "
            "\u201c{content}\u201d"),
        EvidenceKind.LOG: (
            "Photos and videos of {owner} at work at {issuer} show: \u201c{content}\u201d"),
        EvidenceKind.THIRD_PARTY_REPORT: (
            "The {signatory} of {issuer} states that {owner} regularly works as follows: "
            "\u201c{content}\u201d"),
        EvidenceKind.CV_ENTRY: (
            "CV of {owner}: worked as {role} at {issuer}, with the duty: \u201c{content}\u201d"),
        EvidenceKind.WRITTEN_ANSWER: (
            "Written answer of {owner} on the assessment day explains: \u201c{content}\u201d"),
        EvidenceKind.OBSERVATION_NOTE: (
            "The assessor observed {owner} at the TUK and noted: \u201c{content}\u201d"),
    },
}
BACKGROUND: dict[str, str] = {
    "id": ("Lulusan {school}, {years} tahun bekerja sebagai {role} di {employer}, {city}."),
    "en": ("Graduate of {school}, {years} years as {role} at {employer}, {city}."),
}
OBSERVATION_MET: dict[str, str] = {
    "id": "Asesi menunjukkan dengan lancar dan tanpa bantuan: {kuk}",
    "en": "The asesi showed fluently and without help: {kuk}",
}
OBSERVATION_NOT_MET: dict[str, str] = {
    "id": "Asesi ragu-ragu dan belum dapat menunjukkan: {kuk} Perlu penilaian lanjut.",
    "en": "The asesi hesitated and could not yet show: {kuk} Further assessment needed.",
}
QUESTION: dict[str, str] = {
    "id": "Jelaskan bagaimana Anda memastikan hal berikut dalam pekerjaan Anda: {kuk}",
    "en": "Explain how you make sure of the following in your work: {kuk}",
}
ANSWER_MET: dict[str, str] = {
    "id": "Saya melakukannya sendiri pada proyek di {employer}; langkahnya: {kuk}",
    "en": "I do it myself on projects at {employer}; the steps: {kuk}",
}
ANSWER_NOT_MET: dict[str, str] = {
    "id": "Biasanya itu dikerjakan rekan saya; saya hanya mengikuti arahan atasan.",
    "en": "A colleague usually does that; I just follow my supervisor's instructions.",
}


class _AllLanguages:
    """Render a gettext message in every language, for the reasons of an answer key."""

    @staticmethod
    def gettext(message: str, /, **values: object) -> LocalizedText:
        """``message`` (an English msgid) filled with ``values`` in each language."""
        return {lang: gettext(message, lang=lang, **values) for lang in LANGUAGES}


in_all_languages = _AllLanguages()


def join_reasons(parts: list[LocalizedText]) -> LocalizedText:
    """Several localized reasons as one, separated by semicolons."""
    return {lang: "; ".join(part[lang] for part in parts) for lang in LANGUAGES}


__all__ = [
    "ASSESSMENT_KINDS",
    "CITIES",
    "EMPLOYERS",
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "ISSUED_KINDS",
    "OFF_TOPIC",
    "SCHOOLS",
    "SUMMARIES",
    "TITLES",
    "TRAINERS",
    "in_all_languages",
    "join_reasons",
]
