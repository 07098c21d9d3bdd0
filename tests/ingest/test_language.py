"""Articles clearly written in another language are set aside; English ones never are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import storyline
from storyline.cli import main
from storyline.ingest.language import foreign_language
from storyline.ingest.prepare import prepare
from storyline.records import RawInput
from storyline.store.commands import ingest as ingest_command

# Fictional reports of one event (a delayed bridge in Lestra), written for these tests.
FOREIGN = {
    "German": "Die Stadtverwaltung von Lestra hat am Montag mitgeteilt, dass die neue Brücke über"
    " den Fluss nicht vor dem Sommer fertig wird. Nach Angaben eines Sprechers sind die Kosten"
    " seit dem Beginn der Arbeiten um ein Drittel gestiegen. Die Opposition im Stadtrat fordert"
    " nun eine Untersuchung, und auch die Anwohner sind unzufrieden, weil der Verkehr seit zwei"
    " Jahren durch ihre Straßen geleitet wird. Der Bürgermeister will sich am Mittwoch äußern.",
    "Spanish": "El gobierno de Lestra anunció el lunes que el puente sobre el río no estará listo"
    " antes del verano. Según un portavoz, los costes han subido un tercio desde el comienzo de"
    " las obras, y la oposición pide una investigación. Los vecinos también están molestos porque"
    " el tráfico pasa por sus calles desde hace dos años, y el alcalde dijo que hablará con ellos"
    " esta semana para buscar una solución.",
    "Portuguese": "O governo de Lestra anunciou na segunda-feira que a ponte sobre o rio não"
    " ficará pronta antes do verão. Segundo um porta-voz, os custos subiram um terço desde o"
    " início das obras, e a oposição pede uma investigação. Os moradores também estão"
    " insatisfeitos porque o trânsito passa pelas suas ruas há dois anos, e o prefeito disse que"
    " vai falar com eles para encontrar uma solução.",
    "French": "Le gouvernement de Lestra a annoncé lundi que le pont sur la rivière ne sera pas"
    " prêt avant l'été. Selon un porte-parole, les coûts ont augmenté d'un tiers depuis le début"
    " des travaux, et l'opposition demande une enquête. Les habitants sont aussi mécontents parce"
    " que la circulation passe dans leurs rues depuis deux ans, et le maire a dit qu'il les"
    " recevra cette semaine pour trouver une solution avec eux.",
    "Indonesian or Malay": "Pemerintah kota Lestra mengumumkan pada hari Senin bahwa jembatan"
    " baru di atas sungai itu tidak akan selesai sebelum musim panas. Menurut juru bicara, biaya"
    " pembangunan sudah naik sepertiga sejak pekerjaan dimulai, dan oposisi meminta"
    " penyelidikan. Warga juga tidak senang karena lalu lintas melewati jalan mereka selama dua"
    " tahun, dan wali kota mengatakan bahwa dia akan bertemu dengan mereka untuk mencari jalan"
    " keluar yang adil bagi semua pihak.",
    "Cyrillic script": "Городская администрация Лестры в понедельник сообщила, что новый мост"
    " через реку не будет готов до лета. По словам представителя, расходы выросли на треть с"
    " начала работ, и оппозиция требует расследования. Жители тоже недовольны, потому что"
    " движение уже два года идёт по их улицам, а мэр обещал встретиться с ними на этой неделе.",
    "Japanese": "レストラ市は月曜日、川に架かる新しい橋の完成が夏以降になると発表した。"
    "広報担当者によると、工事の開始以来、費用は三分の一増えたという。野党は調査を求めており、"
    "住民も二年間にわたり交通が自宅前の道路を通っていることに不満を示している。"
    "市長は今週中に住民と話し合う予定で、新しい計画は来月までにまとめられる見通しだ。"
    "市議会の一部の議員は、工事を請け負った会社の責任を問うべきだと話している。",
}

ENGLISH = (
    "The new bridge over the Lestra river will not open before the summer, the city said on"
    " Monday. Costs have risen by a third since work began, according to a spokeswoman, and the"
    " opposition has called for an inquiry. Residents are angry too: traffic has been sent"
    " through their streets for two years, and the mayor said he would meet them this week."
)


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_each_language_is_named(language: str) -> None:
    assert foreign_language(FOREIGN[language]) == language


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        # A long quotation in another language inside an English report.
        ENGLISH
        + ' "El puente no estará listo antes del verano, y los costes han subido un tercio",'
        " the spokeswoman told reporters in Spanish before repeating it in English.",
        # Names with particles that are other languages' function words.
        "Dan de Vries, Anna van der Berg and Karl von Holm met Dan Telu and Lina da Costa in"
        " Lestra. De Vries said the bridge would open in June; van der Berg said it would not."
        " Von Holm and da Costa said nothing, and Telu said the city had paid for the delay."
        " The four of them were due to meet the mayor of Lestra again after the vote.",
        # A results table: too little prose to judge.
        "RESULTS\nLestra Lions 3 Varenia Vale 1\nDask United 2 Holm Rovers 2\n"
        "Telu City 0 Vale Town 4\nScorers: de Vries 12, 55, van Holm 30, da Costa 71, Varga 88\n"
        "Next: Lions v Rovers, Vale v United, Town v City; Saturday 15:00 at the Dask ground\n"
        "Table: Lions 21, Town 19, United 18, Vale 15, Rovers 12, City 4",
        # Too short to judge at all.
        "Die Brücke ist fertig.",
        "",
    ],
)
def test_english_and_thin_evidence_are_left_alone(text: str) -> None:
    assert foreign_language(text) is None


def test_links_are_not_read_as_words() -> None:
    # "amzn.to/..." once counted as the English "to".
    links = " ".join(f"https://amzn.to/x{i} shop.to/y{i}" for i in range(40))
    assert foreign_language(FOREIGN["French"] + " " + links) == "French"


def test_prepare_rejects_other_languages_with_a_reason_unless_asked() -> None:
    inputs = [
        RawInput(source="en.txt", text=ENGLISH),
        RawInput(source="de.txt", text=FOREIGN["German"]),
    ]
    articles, rejected = prepare(inputs)
    assert [a.source for a in articles] == ["en.txt"]
    (rejection,) = rejected
    assert rejection.source == "de.txt"
    assert rejection.reason.startswith("written in German, not English")
    assert "any-language" in rejection.reason
    kept, none = prepare(inputs, any_language=True)
    assert [a.source for a in kept] == ["en.txt", "de.txt"] and none == []


def test_brief_lists_the_article_set_aside_and_records_the_option() -> None:
    inputs = [
        RawInput(source="en.txt", text=ENGLISH),
        RawInput(source="pt.txt", text=FOREIGN["Portuguese"]),
    ]
    made = storyline.brief(inputs)
    assert [r.source for r in made.rejected] == ["pt.txt"]
    assert made.options["any_language"] is False
    assert len(storyline.brief(inputs, any_language=True).articles) == 2


def test_cli_clean_and_ingest_take_the_option(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FOREIGN["French"], encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, ["clean", str(tmp_path / "fr.txt")])
    assert refused.exit_code == 1
    assert "written in French, not English" in refused.output
    kept = runner.invoke(main, ["clean", str(tmp_path / "fr.txt"), "--any-language"])
    assert kept.exit_code == 0 and "Lestra" in kept.output

    (tmp_path / "more.jsonl").write_text(
        json.dumps({"text": FOREIGN["Spanish"]}) + "\n" + json.dumps({"text": ENGLISH}) + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.db")
    source = str(tmp_path / "more.jsonl")
    first = runner.invoke(ingest_command, [source, "--db", db, "--no-progress"])
    assert first.exit_code == 0, first.output
    assert "stored 1 new article(s)" in first.output and "rejected 1" in first.output
    second = runner.invoke(ingest_command, [source, "--db", db, "--no-progress", "--any-language"])
    assert "stored 1 new article(s), skipped 1 already stored, rejected 0" in second.output
