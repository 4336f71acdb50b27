"""The six built-in integrity scenarios (registered by :mod:`toolkit.plugins.default_duties`).

The texts tell the situation only; what is right lives in the key (``acts``, ``why``).
Following the BNSP code of ethics for assessors (Kep. 1224/BNSP/VII/2020): a relative is
never assessed (decline and hand over to another assessor); one's own student or a
colleague may be assessed only with the conflict disclosed to the LSP (or handed over);
a favour or gift is refused and reported, and the assessment goes on disclosed or is
handed over; a request to "help a little" is refused and recorded; an observation one
did not make is never signed.
"""

from __future__ import annotations

from .integrity import IntegrityScenario

RELATIVE = IntegrityScenario(
    name="relative",
    label={"id": "Asesi adalah kerabat asesor", "en": "The asesi is the assessor's relative"},
    conflict=True, acts=("decline",),
    why={"id": "asesi adalah kerabat Anda: benturan kepentingan yang tidak boleh diasesmen "
               "sendiri; nyatakan, tolak penugasan dan serahkan kepada asesor lain melalui LSP",
         "en": "the asesi is your relative: a conflict of interest you may not assess "
               "yourself; declare it, decline and hand over to another assessor via the LSP"},
    texts={
        "id": ("Saat membaca berkas, Anda menyadari bahwa {asesi} adalah {relation} Anda; "
               "keluarga Anda sering berkumpul bersama saat Lebaran.",
               "Pagi ini {asesi} menyapa Anda di ruang tunggu: \"Om/Tante, saya tidak "
               "menyangka asesornya Anda.\" {asesi} adalah {relation} Anda."),
        "en": ("Reading the file, you realise that {asesi} is your {relation}; your families "
               "meet every Eid holiday.",
               "This morning {asesi} greets you in the waiting room: \"I didn't expect you to "
               "be my assessor.\" {asesi} is your {relation}."),
    },
    relations={"id": ("keponakan", "sepupu", "adik ipar"),
               "en": ("nephew or niece", "cousin", "sibling-in-law")},
)

STUDENT = IntegrityScenario(
    name="student",
    label={"id": "Asesi adalah peserta didik asesor", "en": "The asesi is the assessor's student"},
    conflict=True, acts=("proceed_disclosed", "decline"),
    why={"id": "asesi pernah Anda latih sendiri: nyatakan benturan kepentingan kepada LSP; "
               "asesmen boleh berlanjut hanya dengan pengungkapan (atau serahkan ke asesor lain)",
         "en": "you trained the asesi yourself: declare the conflict to the LSP; the assessment "
               "may go on only disclosed (or hand it over to another assessor)"},
    texts={
        "id": ("Anda mengenali {asesi}: tahun lalu {asesi} mengikuti pelatihan yang Anda "
               "ajar sendiri selama tiga bulan, dan Anda yang menilai tugas akhirnya.",),
        "en": ("You recognise {asesi}: last year {asesi} took the three-month course you "
               "taught yourself, and you marked the final project.",),
    },
)

COLLEAGUE = IntegrityScenario(
    name="colleague",
    label={"id": "Asesi adalah rekan kerja asesor", "en": "The asesi is the assessor's colleague"},
    conflict=True, acts=("proceed_disclosed", "decline"),
    why={"id": "asesi adalah rekan kerja Anda: nyatakan benturan kepentingan; lanjutkan hanya "
               "dengan pengungkapan kepada LSP, atau serahkan kepada asesor lain",
         "en": "the asesi is your colleague: declare the conflict; go on only disclosed to the "
               "LSP, or hand over to another assessor"},
    texts={
        "id": ("{asesi} bekerja di {employer}, perusahaan tempat Anda juga bekerja paruh "
               "waktu; tahun lalu Anda berdua satu tim dalam sebuah proyek.",),
        "en": ("{asesi} works at {employer}, where you also work part-time; last year the "
               "two of you were on the same project team.",),
    },
)

EMPLOYER_FAVOUR = IntegrityScenario(
    name="employer_favour",
    label={"id": "Pemberi kerja menawarkan imbalan", "en": "The employer offers a favour"},
    conflict=True, acts=("proceed_disclosed", "decline"),
    why={"id": "imbalan dari pemberi kerja asesi adalah gratifikasi: tolak, laporkan kepada LSP "
               "dan nyatakan; lanjutkan hanya dengan pengungkapan, atau serahkan",
         "en": "a favour from the asesi's employer is a gift meant to sway you: refuse it, "
               "report it to the LSP and declare it; go on only disclosed, or hand over"},
    texts={
        "id": ("Sebelum asesmen, {who}, manajer SDM {employer}, menelepon Anda: perusahaan "
               "akan memakai jasa konsultasi Anda tahun depan \"asal semua staf kami lulus\".",
               "{who} dari {employer} menitipkan bingkisan dan amplop untuk Anda di meja TUK, "
               "\"sekadar ucapan terima kasih atas kelulusan {asesi} nanti\"."),
        "en": ("Before the assessment, {who}, HR manager of {employer}, calls you: the company "
               "will hire you as a consultant next year \"as long as all our staff pass\".",
               "{who} of {employer} leaves a gift and an envelope for you at the TUK desk, "
               "\"just a thank-you for {asesi} passing\"."),
    },
)

HELP_A_LITTLE = IntegrityScenario(
    name="help_a_little",
    label={"id": "Asesi minta \"dibantu sedikit\"", "en": "The asesi asks to \"help a little\""},
    conflict=False, acts=("proceed_disclosed",),
    why={"id": "permintaan \"dibantu sedikit\" bukan benturan kepentingan, tetapi harus ditolak "
               "dengan sopan, dicatat dan dilaporkan; asesmen berlanjut dengan pengungkapan",
         "en": "a request to \"help a little\" is no conflict of interest, but it is refused "
               "politely, recorded and reported; the assessment goes on disclosed"},
    texts={
        "id": ("Saat jeda, {asesi} berbisik: \"Pak/Bu, tolong dibantu sedikit ya, saya "
               "butuh sertifikat ini untuk kenaikan jabatan bulan depan.\"",),
        "en": ("During the break {asesi} whispers: \"Please help me a little, I need this "
               "certificate for my promotion next month.\"",),
    },
)

SIGN_UNOBSERVED = IntegrityScenario(
    name="sign_unobserved",
    label={"id": "Diminta menandatangani observasi yang tidak dilakukan",
           "en": "Asked to sign for an observation not made"},
    conflict=False, acts=("decline",),
    why={"id": "Anda tidak mengamati sendiri: menandatangani FR.IA.01 berarti memalsukan "
               "rekaman asesmen; tolak dan minta observasi dilakukan oleh asesor yang menilai",
         "en": "you did not observe it: signing FR.IA.01 would falsify the assessment record; "
               "refuse, and have the observation made by the assessor who judges"},
    texts={
        "id": ("{who}, admin TUK, menyodorkan ceklis observasi FR.IA.01 {asesi} yang sudah "
               "terisi: \"Observasinya kemarin dilakukan rekan Bapak/Ibu yang berhalangan; "
               "cukup Bapak/Ibu tanda tangani saja.\"",),
        "en": ("{who}, the TUK administrator, hands you {asesi}'s filled FR.IA.01 observation "
               "checklist: \"Your colleague observed it yesterday and is away; please just "
               "sign it.\"",),
    },
)

BUILTIN_SCENARIOS: tuple[IntegrityScenario, ...] = (
    RELATIVE, STUDENT, COLLEAGUE, EMPLOYER_FAVOUR, HELP_A_LITTLE, SIGN_UNOBSERVED)

__all__ = ["BUILTIN_SCENARIOS", "COLLEAGUE", "EMPLOYER_FAVOUR", "HELP_A_LITTLE", "RELATIVE",
           "SIGN_UNOBSERVED", "STUDENT"]
