"""Tests for compare.events.cluster: grouping by date (one day of slack), participants and topic;
the event date agreed by the members."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.core.models import Document, EventKind, Evidence
from compare.events.cluster import cluster_documents

D = dt.date
PT = ("Vladimir Putin", "Donald Trump")


def doc(doc_id: str, date: dt.date | None, kind: EventKind = "call",
        participants: tuple[str, ...] = PT, text: str = "", **kw: object) -> Document:
    ev = Evidence("x", "explicit", 0.8, 0) if date else None
    body = text or f"{' and '.join(participants)} discussed oil prices, space and the virus by telephone."
    return Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text=body, event_date=date,
                    event_date_evidence=ev, event_kind=kind, participants=participants,
                    **kw)  # type: ignore[arg-type]


def by_event(docs: list[Document]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for d in docs:
        assert d.event_id is not None
        out.setdefault(d.event_id, set()).add(d.id)
    return out


def test_same_call_across_time_zones_is_one_event() -> None:
    events, docs = cluster_documents([doc("a", D(2020, 6, 1)), doc("b", D(2020, 6, 2)),
                                      doc("c", D(2020, 6, 1))])
    assert len(events) == 1
    ev = events[0]
    assert ev.id == "2020-06-01-putin-trump-call"
    assert ev.date == D(2020, 6, 1)
    assert ev.label == "Putin–Trump telephone call, 1 June 2020"
    assert ev.documents == ("a", "b", "c")
    assert {d.event_id for d in docs} == {ev.id}


def test_two_calls_days_apart_stay_separate() -> None:
    events, _docs = cluster_documents([doc("a", D(2020, 5, 7)), doc("b", D(2020, 5, 10))])
    assert [e.id for e in events] == ["2020-05-07-putin-trump-call", "2020-05-10-putin-trump-call"]


def test_different_calls_on_one_day_stay_separate() -> None:
    events, _ = cluster_documents([
        doc("a", D(2020, 6, 1)),
        doc("b", D(2020, 6, 1), participants=("Vladimir Putin", "Nikol Pashinyan")),
    ])
    assert sorted(e.id for e in events) == ["2020-06-01-pashinyan-putin-call", "2020-06-01-putin-trump-call"]


def test_a_document_naming_one_side_joins_the_only_matching_contact() -> None:
    events, _docs = cluster_documents([
        doc("a", D(2021, 3, 2), participants=("Vladimir Putin", "Aino Lehtinen (Finland)")),
        doc("b", D(2021, 3, 3), participants=("Vladimir Putin",)),
        doc("c", D(2021, 3, 2), participants=("Aino Lehtinen (Finland)", "Vladimir Putin")),
    ])
    assert len(events) == 1 and events[0].documents == ("a", "b", "c")


def test_a_document_naming_one_side_of_two_contacts_stays_apart() -> None:
    events, _ = cluster_documents([
        doc("a", D(2021, 3, 2)),
        doc("b", D(2021, 3, 2), participants=("Vladimir Putin",)),
        doc("c", D(2021, 3, 2), participants=("Vladimir Putin", "Nikol Pashinyan")),
    ])
    assert sorted(e.documents for e in events) == [("a",), ("b",), ("c",)]
    # another engagement of the same leader that day shares no topic with the contact
    events, _ = cluster_documents([
        doc("a", D(2021, 3, 2), kind="meeting", participants=("Vladimir Putin", "Aino Lehtinen (Finland)"),
            text="Vladimir Putin and Aino Lehtinen met in Moscow for talks on the Baltic Sea and energy."),
        doc("c", D(2021, 3, 2), kind="meeting", participants=("Aino Lehtinen (Finland)", "Vladimir Putin"),
            text="Aino Lehtinen met Vladimir Putin in Moscow; the talks covered the Baltic Sea and energy."),
        doc("b", D(2021, 3, 3), kind="meeting", participants=("Vladimir Putin",),
            text="Vladimir Putin met the governor of the Tula region to discuss the regional budget."),
    ])
    assert sorted(e.documents for e in events) == [("a", "c"), ("b",)]
    # a meeting is no part of a call
    events, _ = cluster_documents([doc("a", D(2021, 3, 2)),
                                   doc("b", D(2021, 3, 2), kind="meeting", participants=("Vladimir Putin",))])
    assert len(events) == 2


def test_the_kind_label_does_not_split_one_contact() -> None:
    # One outlet calls it a call, another a statement by the Kremlin, a third "talks":
    # the same principals on the same day are one event.
    events, docs = cluster_documents([doc("call", D(2020, 5, 22)),
                                      doc("said", D(2020, 5, 22), kind="statement"),
                                      doc("talks", D(2020, 5, 22), kind="meeting")])
    assert len(events) == 1
    assert by_event(docs) == {"2020-05-22-putin-trump-call": {"call", "said", "talks"}}


def test_duplicates_join_their_original_even_with_another_date() -> None:
    events, _docs = cluster_documents([
        doc("orig", D(2020, 6, 1)),
        doc("copy", D(2020, 6, 5), duplicate_of="orig"),
        doc("copy2", None, duplicate_of="copy"),
    ])
    assert len(events) == 1
    assert set(events[0].documents) == {"orig", "copy", "copy2"}
    assert events[0].date == D(2020, 6, 1)


def test_undated_documents_get_their_own_event() -> None:
    other = "Vladimir Putin and Donald Trump talked about fisheries quotas, whaling and coastal radar."
    events, _docs = cluster_documents([doc("u1", None, text=other), doc("u2", None, participants=("Kaia Kask",)),
                                       doc("a", D(2019, 1, 1))])
    assert [e.id for e in events] == ["2019-01-01-putin-trump-call", "undated-u1", "undated-u2"]
    assert events[1].date is None


AINO = ("Aino Virtanen (Finland)", "Kaia Kask (Estonia)")
TUNNEL = ("Aino Virtanen and Kaia Kask discussed the planned railway tunnel under the gulf, ferry "
          "timetables, electricity interconnectors and a joint bid for the winter games.")
SAUNA = ("Aino Virtanen and Kaia Kask discussed border guards, sauna diplomacy, fishing rights in "
         "the archipelago and the language schools in Narva.")


def test_a_document_without_date_evidence_joins_the_event_it_reports() -> None:
    # No date anywhere: the same principals and the same content as one of two calls.
    events, docs = cluster_documents([
        doc("mar", D(2024, 3, 4), participants=AINO, text=TUNNEL),
        doc("may", D(2024, 5, 20), participants=AINO, text=SAUNA),
        doc("blog", None, participants=AINO, text="Blog. " + TUNNEL + " Comments are closed."),
    ])
    assert by_event(docs)["2024-03-04-kask-virtanen-call"] == {"mar", "blog"}
    blog = next(d for d in docs if d.id == "blog")
    assert blog.event_date == D(2024, 3, 4)
    assert blog.event_date_evidence is not None and blog.event_date_evidence.rule == "event_consensus"
    assert len(events) == 2


def test_an_undated_document_that_fits_two_events_alike_stays_apart() -> None:
    # Both calls of the pair share its words: no margin, no guess.
    both = TUNNEL + " " + SAUNA
    _, docs = cluster_documents([
        doc("mar", D(2024, 3, 4), participants=AINO, text=both),
        doc("may", D(2024, 5, 20), participants=AINO, text=both),
        doc("blog", None, participants=AINO, text=both),
    ])
    assert by_event(docs)["undated-blog"] == {"blog"}


def test_an_undated_document_of_other_principals_does_not_join() -> None:
    _, docs = cluster_documents([
        doc("mar", D(2024, 3, 4), participants=AINO, text=TUNNEL),
        doc("blog", None, participants=("Aino Virtanen (Finland)", "Tomas Novak (Czech Republic)"), text=TUNNEL),
    ])
    assert by_event(docs)["undated-blog"] == {"blog"}


def test_id_collisions_get_suffixes() -> None:
    # Same date, same people, same kind, but one names nobody: cannot join on topics.
    events, _ = cluster_documents([
        doc("a", D(2020, 6, 1)),
        doc("b", D(2020, 6, 1), participants=(), text="Weather: rain expected in the capital tonight."),
    ])
    assert sorted(e.id for e in events) == ["2020-06-01-call", "2020-06-01-putin-trump-call"]


def test_document_without_participants_joins_on_strong_topic_overlap() -> None:
    text = "Vladimir Putin and Donald Trump discussed oil prices, space and the virus by telephone."
    events, _ = cluster_documents([doc("a", D(2020, 6, 1)), doc("b", D(2020, 6, 1), participants=(), text=text)])
    assert len(events) == 1


def test_reference_is_the_primary_readout() -> None:
    events, _ = cluster_documents([
        doc("wire", D(2020, 6, 1), outlet_role="wire"),
        doc("kremlin-copy", D(2020, 6, 1), outlet_role="primary", duplicate_of="kremlin"),
        doc("kremlin", D(2020, 6, 1), outlet_role="primary"),
    ])
    assert events[0].reference == "kremlin"
    assert events[0].reference_basis == "primary"
    events, _ = cluster_documents([doc("wire", D(2020, 6, 1), outlet_role="wire")])
    assert events[0].reference is None and events[0].reference_basis == "none"


def test_event_date_is_the_most_supported_date() -> None:
    events, _ = cluster_documents([doc("a", D(2020, 6, 2)), doc("b", D(2020, 6, 1)), doc("c", D(2020, 6, 1))])
    assert events[0].date == D(2020, 6, 1)


def test_meeting_label() -> None:
    events, _ = cluster_documents([doc("m", D(2018, 7, 16), kind="meeting")])
    assert events[0].label == "Putin–Trump meeting, 16 July 2018"
    assert events[0].id == "2018-07-16-putin-trump-meeting"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.dates(D(2020, 1, 1), D(2020, 1, 20))),
                          st.sampled_from(["call", "meeting", "statement"]),
                          st.sampled_from([PT, ("Vladimir Putin", "Nikol Pashinyan")])),
                min_size=0, max_size=16))
def test_properties(items: list[tuple[dt.date | None, EventKind, tuple[str, ...]]]) -> None:
    docs = [doc(f"d{i:02d}", date, kind, people) for i, (date, kind, people) in enumerate(items)]
    events, out = cluster_documents(docs)
    # Every document is in exactly one event; ids are unique; order is deterministic.
    assert sorted(i for e in events for i in e.documents) == sorted(d.id for d in docs)
    assert len({e.id for e in events}) == len(events)
    assert [d.id for d in out] == [d.id for d in docs]
    again, _ = cluster_documents(list(reversed(docs)))
    assert [(e.id, sorted(e.documents)) for e in again] == [(e.id, sorted(e.documents)) for e in events]
    for e in events:
        members = [d for d in docs if d.id in e.documents]
        # The kind label never splits one contact; the people and the day do.
        assert len({d.participants for d in members}) == 1
        dates = [d.event_date for d in members if d.event_date]
        if dates:
            assert (max(dates) - min(dates)).days <= 1


# --------------------------------------------------------------------------- participants beyond the lexicon

FI_SE = ("Mari Lahti (Finland)", "Karl Berg (Sweden)")


def test_same_minister_on_consecutive_days_with_different_counterparts_stays_apart() -> None:
    _events, docs = cluster_documents([
        doc("a", D(2021, 9, 6), participants=FI_SE),
        doc("b", D(2021, 9, 7), participants=("Mari Lahti", "Jonas Petraitis (Lithuania)")),
        doc("c", D(2021, 9, 7), participants=("Karl Berg (Sweden)", "Mari Lahti (Finland)")),
    ])
    assert by_event(docs) == {"2021-09-06-berg-lahti-call": {"a", "c"},
                              "2021-09-07-lahti-petraitis-call": {"b"}}


def test_surname_alone_and_full_name_are_one_person() -> None:
    events, _ = cluster_documents([doc("a", D(2021, 9, 6), participants=FI_SE),
                                   doc("b", D(2021, 9, 6), participants=("Lahti", "Berg"))])
    assert len(events) == 1 and events[0].participants == ("Karl Berg", "Mari Lahti")


def test_country_roles_match_named_ministers_of_those_countries() -> None:
    _events, docs = cluster_documents([
        doc("a", D(2021, 9, 6), participants=FI_SE),
        doc("b", D(2021, 9, 6), participants=("Finland", "Sweden")),
        doc("c", D(2021, 9, 6), participants=("Finland", "Norway")),
    ])
    groups = by_event(docs)
    assert {"a", "b"} in groups.values() and {"c"} in groups.values()


def test_event_id_does_not_depend_on_mention_order() -> None:
    one, _ = cluster_documents([doc("a", D(2017, 5, 2), participants=("Donald Trump", "Vladimir Putin"))])
    two, _ = cluster_documents([doc("a", D(2017, 5, 2), participants=("Vladimir Putin", "Donald Trump"))])
    assert one[0].id == two[0].id == "2017-05-02-putin-trump-call"
    assert one[0].label == two[0].label


def test_a_call_and_a_meeting_of_the_same_people_on_one_day_are_one_contact() -> None:
    events, _ = cluster_documents([doc("a", D(2021, 9, 6), participants=FI_SE),
                                   doc("b", D(2021, 9, 6), kind="meeting", participants=FI_SE)])
    assert len(events) == 1 and events[0].kind == "call"
    # a day later in the other capital, worded the same: still the one contact, one date
    late, docs = cluster_documents([doc("a", D(2021, 9, 6), participants=FI_SE),
                                    doc("c", D(2021, 9, 6), participants=FI_SE),
                                    doc("b", D(2021, 9, 7), participants=FI_SE)])
    assert len(late) == 1 and late[0].date == D(2021, 9, 6)
    assert {d.event_date for d in docs} == {D(2021, 9, 6)}
    # a call one day and a visit the next are two contacts
    apart, _ = cluster_documents([doc("a", D(2021, 9, 6), participants=FI_SE),
                                  doc("b", D(2021, 9, 7), kind="meeting", participants=FI_SE)])
    assert len(apart) == 2
    assert next(d for d in docs if d.id == "b").event_date_evidence.rule == "event_consensus"  # type: ignore[union-attr]


def test_names_and_country_roles_of_unlisted_countries_join_when_the_texts_agree() -> None:
    """A readout names the ministers ('Anna Kral', 'Piet Marsh'), a wire story their
    countries; nothing says which country Kral serves, and an invented country reads like a
    surname.  The same day, one shared side and the same topic make one contact."""
    readout = doc("readout", D(2031, 3, 4), participants=("Anna Kral", "Veldland", "Piet Marsh"),
                  text="Foreign Minister Anna Kral held a telephone conversation with Veldland's Foreign "
                       "Minister Piet Marsh. The ministers discussed grain shipments across the Lower Sea "
                       "and agreed to meet in April.")
    wire = doc("wire", D(2031, 3, 4), participants=("Ostrava", "Veldland"),
               text="The foreign ministers of Ostrava and Veldland spoke by telephone about grain "
                    "shipments across the Lower Sea and agreed to meet in April.")
    events, _ = cluster_documents([readout, wire])
    assert len(events) == 1


def test_one_leader_calling_two_unplaced_partners_on_one_day_stays_two_contacts() -> None:
    """The same loose matching must not join two different calls of one leader: the
    topics differ, so the unplaced partners are not taken for one person."""
    first = doc("first", D(2031, 3, 4), participants=("Anna Kral", "Piet Marsh"),
                text="Anna Kral and Piet Marsh discussed grain shipments across the Lower Sea and a "
                     "new ferry line by telephone.")
    second = doc("second", D(2031, 3, 4), participants=("Anna Kral", "Jonas Berg"),
                 text="Anna Kral and Jonas Berg talked about the copper mine dispute, the election "
                      "observers and visas for students in a telephone call.")
    events, _ = cluster_documents([first, second])
    assert len(events) == 2


def test_a_call_the_next_day_that_recalls_the_first_stays_its_own_contact() -> None:
    """A minister's call with a second counterpart, the day after her call with the
    first, names the first counterpart in passing: a one-day gap is a time-zone split
    only when both sides name each other's principals."""
    first = [doc(f"n{i}", D(2031, 3, 14), participants=("Aino Virtanen", "Tomas Novak"),
                 text="Aino Virtanen and Tomas Novak discussed gas supplies and cyber security by phone.")
             for i in range(2)]
    briefing = doc("brief", D(2031, 3, 15), participants=("Aino Virtanen", "Tomas Novak"),
                   text="Virtanen and Novak discussed gas supplies and cyber security, the ministry said.")
    second = doc("dahl", D(2031, 3, 15), participants=("Aino Virtanen", "Ingrid Dahl", "Tomas Novak"),
                 text="Aino Virtanen and Ingrid Dahl discussed the Arctic Council by phone, a day after "
                      "Virtanen spoke with Tomas Novak.")
    _events, docs = cluster_documents([*first, second, briefing])
    groups = sorted(sorted(g) for g in by_event(docs).values())
    assert groups == [["brief", "n0", "n1"], ["dahl"]]


def test_an_overnight_call_takes_the_date_of_its_reference_readout() -> None:
    # Evening of 3 March in the readout's capital, morning of 4 March where two reports were written.
    _, docs = cluster_documents([
        doc("readout", D(2024, 3, 3), participants=AINO, text=TUNNEL, outlet_role="primary",
            published=D(2024, 3, 3)),
        doc("wire", D(2024, 3, 4), participants=AINO, text=TUNNEL),
        doc("paper", D(2024, 3, 4), participants=AINO, text=TUNNEL),
    ])
    assert {d.event_date for d in docs} == {D(2024, 3, 3)}
    # without a reference readout the evidence decides
    _, docs = cluster_documents([
        doc("blog", D(2024, 3, 3), participants=AINO, text=TUNNEL),
        doc("wire", D(2024, 3, 4), participants=AINO, text=TUNNEL),
        doc("paper", D(2024, 3, 4), participants=AINO, text=TUNNEL),
    ])
    assert {d.event_date for d in docs} == {D(2024, 3, 4)}


def test_an_undated_report_of_a_repeated_call_does_not_join_the_first_call() -> None:
    # Same pair, same words, the second call a day later: the undated report calls its call a
    # repeat, so it is not the first call's, whatever the words share.
    _, docs = cluster_documents([
        doc("first", D(2024, 3, 4), participants=AINO, text=TUNNEL),
        doc("blog", None, participants=AINO, text=TUNNEL, title="Virtanen and Kask on the phone again"),
    ])
    assert by_event(docs)["undated-blog"] == {"blog"}
    _, docs = cluster_documents([
        doc("first", D(2024, 3, 4), participants=AINO, text=TUNNEL),
        doc("blog", None, participants=AINO, text=TUNNEL, title="Virtanen and Kask on the phone"),
    ])
    assert by_event(docs)["2024-03-04-kask-virtanen-call"] == {"first", "blog"}


def test_a_report_of_no_contact_the_day_before_stays_apart_from_the_meeting() -> None:
    # The premier opens a fair on the 1st (no contact in the dated sentence) and meets the
    # visiting prime minister on the 2nd; the fair report mentions the visitor.
    fair = "Virtanen opened the fair and said Kask would arrive for talks on railway tunnels."
    _, docs = cluster_documents([
        doc("fair", D(2024, 3, 3), kind="other", participants=AINO, text=fair),
        doc("talks", D(2024, 3, 4), kind="meeting", participants=AINO, text=TUNNEL),
        doc("wire", D(2024, 3, 4), kind="meeting", participants=AINO, text=TUNNEL),
    ])
    groups = sorted(by_event(docs).values(), key=len)
    assert groups == [{"fair"}, {"talks", "wire"}]


def test_event_id_spells_letters_without_an_accent_to_take_off() -> None:
    people = ("Anna Białecka", "Jonas Høgsted")
    events, _ = cluster_documents([doc("a", D(2026, 3, 4), participants=people),
                                   doc("b", D(2026, 3, 4), participants=("Anna Bialecka", "Jonas Hoegsted"))])
    assert [e.id for e in events] == ["2026-03-04-bialecka-hogsted-call"]
