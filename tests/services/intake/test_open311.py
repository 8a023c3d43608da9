"""The Open311 intake API through its own test client, on SQLite and
PostgreSQL: every answer validates against the official JSON schemas (copied
from ../shared/data/open311/, see SOURCE.md) or is well-formed XML of the
spec's shape; a report is the workstation's report (the case, its event, its
grid); errors are the spec's list with 400/403/404; the 90-day rules hold;
Chinese text round-trips; drill cases are never served."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7
from sqlalchemy.exc import OperationalError

from commandcenter.intake.app import BASE, create_app
from commandcenter.models.types import Source
from commandcenter.services.cases.api import CaseFilter
from commandcenter.services.intake.api import (
    MAX_PHOTO_BYTES,
    IntakeReport,
    KeySource,
)
from commandcenter.services.kernel.site_photo import site_photo
from tests.conftest import SHANGHAI
from tests.services.factories import (
    EMERGENCY_CATEGORY,
    drill_stamp,
    place,
    report,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from commandcenter.services.container import Services
    from tests.conftest import Clock

SCHEMAS = Path(__file__).parent / "open311"


def validator(name: str) -> Draft7Validator:
    """The official schema `name`, its relative $refs resolved."""
    registry: Registry[Any] = Registry().with_resources(
        (
            path.name,
            DRAFT7.create_resource(json.loads(path.read_text("utf-8"))),
        )
        for path in SCHEMAS.glob("*.json")
    )
    return Draft7Validator(
        json.loads((SCHEMAS / name).read_text("utf-8")), registry=registry
    )


def valid(name: str, body: Any) -> Any:
    errors = list(validator(name).iter_errors(body))
    assert not errors, [e.message for e in errors]
    return body


@pytest.fixture
def api(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services)) as client:
        yield client


@pytest.fixture
def key(services: Services) -> str:
    return services.api_keys.add("gw-app", KeySource.GRID_WORKER, "gridworker")


def _post(api: TestClient, key: str, services: Services, **form: Any) -> Any:
    here = place(services, 3)
    body = {
        "api_key": key,
        "service_code": EMERGENCY_CATEGORY,
        "lat": here.lat,
        "long": here.lon,
        "description": "井盖缺失，<b>危险</b>'; DROP TABLE cases; --",
        "address_string": "天钥桥路100号",
        **form,
    }
    return api.post(f"{BASE}/requests.json", data=body)


def test_services_and_their_definitions_in_json_and_xml(
    api: TestClient, services: Services
) -> None:
    listed = api.get(f"{BASE}/services.json")
    assert listed.status_code == 200
    body = valid("services.json", listed.json())
    codes = [s["service_code"] for s in body]
    assert EMERGENCY_CATEGORY in codes
    named = next(s for s in body if s["service_code"] == EMERGENCY_CATEGORY)
    assert named["service_name"]  # Chinese, as the catalog says
    definition = api.get(f"{BASE}/services/{EMERGENCY_CATEGORY}.json")
    valid("service-definition.json", definition.json())
    xml = ET.fromstring(api.get(f"{BASE}/services.xml").text)
    assert xml.tag == "services"
    assert {e.findtext("service_code") for e in xml.findall("service")} == set(codes)
    assert api.get(f"{BASE}/services/NOPE.json").status_code == 404
    district = services.intake.jurisdiction()
    ok = api.get(f"{BASE}/services.json", params={"jurisdiction_id": district})
    assert ok.status_code == 200
    other = api.get(f"{BASE}/services.xml", params={"jurisdiction_id": "110101"})
    assert other.status_code == 404
    error = ET.fromstring(other.text)
    assert error.tag == "errors"
    assert error.find("error/code").text == "404"  # type: ignore[union-attr]


def test_a_posted_request_is_the_workstations_report(
    api: TestClient, services: Services, key: str
) -> None:
    posted = _post(
        api, key, services, first_name="伟", last_name="张", phone="13812345678"
    )
    assert posted.status_code == 201, posted.text
    (created,) = posted.json()
    number = created["service_request_id"]
    one = api.get(f"{BASE}/requests/{number}.json")
    assert one.status_code == 200
    (request,) = valid("requests.json", one.json())
    assert request["status"] == "open"
    assert request["service_code"] == EMERGENCY_CATEGORY
    assert request["description"].startswith("井盖缺失，<b>危险</b>'; DROP TABLE")
    assert request["address"] == "天钥桥路100号"
    case = next(c for c in services.queries.find(_all()) if c.number == number)
    assert case.source == Source.PATROL.value  # the grid worker's app
    assert case.reporter_phone == "138****5678"  # masked on the way out
    detail = services.details.detail(services.auth.actor("operator"), case.id)
    assert detail.timeline[0].move == "report"
    assert detail.timeline[0].actor  # the grid worker, by name
    xml = ET.fromstring(api.get(f"{BASE}/requests/{number}.xml").text)
    assert xml.tag == "service_requests"
    assert xml.findtext("request/service_request_id") == number


def test_refusals_are_the_specs_errors_and_write_nothing(
    api: TestClient, services: Services, key: str
) -> None:
    before = len(services.queries.find(_all()))
    for form, status in (
        ({"api_key": ""}, 403),
        ({"api_key": key[:-2] + "xx"}, 403),
        ({"service_code": ""}, 400),
        ({"service_code": "Z9999"}, 400),
        ({"lat": 0.0, "long": 0.0}, 400),  # outside the district
        ({"lat": "north"}, 400),
        ({"description": ""}, 400),
        ({"description": "长" * 4001}, 400),
        ({"lat": "", "long": ""}, 400),  # an address alone is not enough
        ({"description": "井盖\x00缺失"}, 400),  # no NUL, on either database
    ):
        answer = _post(api, key, services, **form)
        assert answer.status_code == status, (form, answer.text)
        (error,) = answer.json()
        assert error["code"] == status
        assert error["description"]
    services.api_keys.revoke("gw-app")
    assert _post(api, key, services).status_code == 403
    assert len(services.queries.find(_all())) == before
    xml = api.post(f"{BASE}/requests.xml", data={"api_key": "x"})
    assert xml.status_code == 403
    assert ET.fromstring(xml.text).tag == "errors"
    assert api.get(f"{BASE}/requests/20000101-0001.json").status_code == 404
    for nul in (
        f"{BASE}/requests.json?service_code=%00",
        f"{BASE}/requests/%00.xml",
        f"{BASE}/services/E0403%00.json",
    ):
        refused = api.get(nul)
        assert refused.status_code == 400, nul
        assert "NUL" in refused.text


def test_listing_keeps_to_90_days_and_never_shows_a_drill(
    api: TestClient, services: Services, clock: Clock, key: str
) -> None:
    old = report(services)
    clock.advance(days=100)
    recent = report(services)
    drill = report(services, drill=drill_stamp(services))
    numbers = {c.id: c.number for c in services.queries.find(_all(include_drill=True))}
    listed = api.get(f"{BASE}/requests.json")
    shown = {r["service_request_id"] for r in valid("requests.json", listed.json())}
    assert numbers[recent] in shown
    assert numbers[old] not in shown  # older than 90 days
    assert numbers[drill] not in shown
    by_id = api.get(
        f"{BASE}/requests.json",
        params={"service_request_id": f"{numbers[old]},{numbers[drill]}"},
    )
    assert [r["service_request_id"] for r in by_id.json()] == [numbers[old]]
    assert api.get(f"{BASE}/requests/{numbers[drill]}.json").status_code == 404
    now = clock().astimezone(SHANGHAI)
    too_long = {
        "start_date": (now - timedelta(days=120)).isoformat(),
        "end_date": now.isoformat(),
    }
    assert api.get(f"{BASE}/requests.json", params=too_long).status_code == 400
    for edge in (
        {"start_date": "9999-12-31T00:00:00"},
        {"end_date": "0001-01-02"},
        {"start_date": "0001-01-01T00:00:00+00:01"},
    ):
        assert api.get(f"{BASE}/requests.json", params=edge).status_code == 400
    back = {"start_date": (now - timedelta(days=101)).isoformat()}
    early = api.get(f"{BASE}/requests.json", params=back).json()
    assert [r["service_request_id"] for r in early] == [numbers[old]]
    closed = api.get(f"{BASE}/requests.json", params={"status": "closed"}).json()
    assert closed == []
    assert api.get(f"{BASE}/requests.json", params={"status": "x"}).status_code == 400
    assert api.get(f"{BASE}/openapi.json").json()["info"]["version"] == "v2"


def _all(include_drill: bool = False) -> CaseFilter:
    return CaseFilter(include_drill=include_drill)


def test_a_photo_goes_with_its_request_and_a_false_one_is_refused(
    api: TestClient, services: Services, key: str
) -> None:
    png = site_photo((200, 60, 60))
    here = place(services, 5)
    form = {
        "api_key": key,
        "service_code": EMERGENCY_CATEGORY,
        "lat": str(here.lat),
        "long": str(here.lon),
        "description": "路灯杆倾斜",
    }
    posted = api.post(
        f"{BASE}/requests.json",
        data=form,
        files={"media": ("x.txt", png, "text/plain")},  # the content decides
    )
    assert posted.status_code == 201, posted.text
    number = posted.json()[0]["service_request_id"]
    case = next(c for c in services.queries.find(_all()) if c.number == number)
    detail = services.details.detail(services.auth.actor("operator"), case.id)
    (photo,) = detail.attachments
    assert photo.media_type == "image/png"
    assert services.details.attachment_data(photo.id) == png
    before = len(services.queries.find(_all()))
    for name, data in (
        ("virus.png", b"MZ\x90\x00 not a picture"),
        ("empty.jpg", b""),
        ("huge.jpg", b"\xff\xd8\xff" + b"0" * MAX_PHOTO_BYTES),
    ):
        refused = api.post(
            f"{BASE}/requests.json", data=form, files={"media": (name, data)}
        )
        assert refused.status_code == 400, (name, refused.text)
    too_big = api.post(
        f"{BASE}/requests.json",
        data=form,
        files={"media": ("big.jpg", b"\xff\xd8\xff" + b"0" * (MAX_PHOTO_BYTES * 2))},
    )
    assert too_big.status_code == 413
    assert too_big.json()[0]["code"] == 413
    assert len(services.queries.find(_all())) == before


def test_a_key_posting_too_fast_is_told_when_to_come_back(
    services: Services, key: str
) -> None:
    with TestClient(create_app(services, per_minute=2)) as api:
        assert _post(api, key, services).status_code == 201
        assert _post(api, key, services).status_code == 201
        third = _post(api, key, services)
        assert third.status_code == 429
        assert 1 <= int(third.headers["Retry-After"]) <= 60
        assert third.json()[0]["code"] == 429
        other = services.api_keys.add("city", KeySource.GRID_WORKER, "gridworker")
        assert _post(api, other, services).status_code == 201  # per key


def test_a_body_in_chunks_is_counted_and_refused_past_the_limit(
    api: TestClient, services: Services, key: str
) -> None:
    before = len(services.queries.find(_all()))

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield f"api_key={key}&service_code={EMERGENCY_CATEGORY}&description=".encode()
        for _ in range(12):
            yield b"x" * (1024 * 1024)

    answer = api.post(
        f"{BASE}/requests.xml",
        content=chunks(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 413
    assert ET.fromstring(answer.text).findtext("error/code") == "413"
    assert len(services.queries.find(_all())) == before
    nowhere = api.get(f"{BASE}/nowhere.json")
    assert nowhere.status_code == 404
    assert nowhere.json()[0]["code"] == 404  # the spec's shape, even here


def test_a_request_sent_again_with_its_idempotency_key_files_one_case(
    api: TestClient, services: Services, key: str
) -> None:
    before = len(services.queries.find(_all()))
    events = services.events.newest_id()
    token = {"Idempotency-Key": "hotline-2026-000017"}
    first = api.post(f"{BASE}/requests.json", data=_form(key, services), headers=token)
    again = api.post(f"{BASE}/requests.json", data=_form(key, services), headers=token)
    assert first.status_code == again.status_code == 201, again.text
    assert first.json() == again.json()
    assert len(services.queries.find(_all())) == before + 1
    assert len(services.events.since(events)) == 1  # one report, one event
    other = services.api_keys.add("city", KeySource.GRID_WORKER, "gridworker")
    theirs = api.post(
        f"{BASE}/requests.json", data=_form(other, services), headers=token
    )
    assert theirs.json() != first.json()  # a token is its key's own
    looked_up = api.get(f"{BASE}/tokens/hotline-2026-000017.json").json()
    assert looked_up == [  # each key's request sent with it
        {"service_request_id": r.json()[0]["service_request_id"], "token": t}
        for r, t in ((first, "hotline-2026-000017"), (theirs, "hotline-2026-000017"))
    ]
    xml = ET.fromstring(api.get(f"{BASE}/tokens/hotline-2026-000017.xml").text)
    assert xml.findtext("request/token") == "hotline-2026-000017"
    assert api.get(f"{BASE}/tokens/never-sent.json").status_code == 404
    for bad in (b"", b"x" * 65, "有中文".encode(), b"a b"):
        refused = api.post(
            f"{BASE}/requests.json",
            data=_form(key, services),
            headers={"Idempotency-Key": bad},  # type: ignore[dict-item]
        )
        assert refused.status_code == 400, bad
    assert len(services.queries.find(_all())) == before + 2


def test_the_same_token_sent_at_once_from_many_threads_files_one_case(
    services: Services, key: str
) -> None:
    client = services.api_keys.authenticate(key)
    here = place(services, 4)
    sent = IntakeReport(
        EMERGENCY_CATEGORY, here.lat, here.lon, "同一请求，四次发送", token="t-1"
    )
    before = len(services.queries.find(_all()))
    with ThreadPoolExecutor(4) as pool:
        filed = list(pool.map(lambda _: services.intake.report(client, sent), range(4)))
    assert len({f.case_id for f in filed}) == 1
    assert sum(not f.replayed for f in filed) == 1
    assert len(services.queries.find(_all())) == before + 1


def test_a_database_gone_mid_request_is_a_503_to_send_again(
    api: TestClient, services: Services, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone(*_args: Any) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(services.cases, "file_reports", gone)
    for fmt in ("json", "xml"):
        answer = api.post(f"{BASE}/requests.{fmt}", data=_form(key, services))
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "1"
        assert "Idempotency-Key" in answer.text
        assert "server closed" not in answer.text  # the driver's words stay inside


def _form(key: str, services: Services) -> dict[str, Any]:
    here = place(services, 6)
    return {
        "api_key": key,
        "service_code": EMERGENCY_CATEGORY,
        "lat": here.lat,
        "long": here.lon,
        "description": "消防通道被占",
    }


def test_a_services_questions_are_its_definition_in_json_and_xml(
    api: TestClient,
) -> None:
    listed = {s["service_code"]: s for s in api.get(f"{BASE}/services.json").json()}
    assert listed["E0404"]["metadata"] is True
    assert listed["E0106"]["metadata"] is False
    datatypes = set()
    for code in ("E0404", "E0403", "E0401", "C0109"):
        body = valid(
            "service-definition.json", api.get(f"{BASE}/services/{code}.json").json()
        )
        datatypes |= {a["datatype"] for a in body["attributes"]}
        assert [a["order"] for a in body["attributes"]] == list(
            range(1, len(body["attributes"]) + 1)
        )
    assert datatypes == {
        "string",
        "number",
        "datetime",
        "text",
        "singlevaluelist",
        "multivaluelist",
    }
    flooding = api.get(f"{BASE}/services/E0404.json").json()["attributes"]
    traffic = next(a for a in flooding if a["code"] == "traffic")
    assert traffic["required"] is True
    assert {"key": "partial", "name": "部分可通行"} in traffic["values"]
    xml = ET.fromstring(api.get(f"{BASE}/services/E0404.xml").text)
    assert xml.tag == "service_definition"
    codes = [a.findtext("code") for a in xml.findall("attributes/attribute")]
    assert codes == ["depth_cm", "traffic"]
    keys = xml.findall("attributes/attribute[2]/values/value/key")
    assert [k.text for k in keys] == ["blocked", "partial", "open"]


def _ask(api: TestClient, key: str, services: Services, code: str, **form: Any) -> Any:
    here = place(services, 2)
    body = {
        "api_key": key,
        "service_code": code,
        "lat": here.lat,
        "long": here.lon,
        "description": "现场报告",
        **form,
    }
    return api.post(f"{BASE}/requests.json", data=body)


def _filed(services: Services, answer: Any) -> tuple[Any, Any]:
    """The case a 201 filed: its detail (as an operator sees it) and the
    answers its report event carries."""
    assert answer.status_code == 201, answer.text
    number = answer.json()[0]["service_request_id"]
    case = next(c for c in services.queries.find(_all()) if c.number == number)
    detail = services.details.detail(services.auth.actor("operator"), case.id)
    event = next(
        e
        for e in services.events.since(0, limit=100_000)
        if e.entity_id == case.id and e.kind == "case.report"
    )
    return detail, event.payload.get("attributes")


def test_answers_of_every_datatype_are_checked_kept_and_shown(
    api: TestClient, services: Services, key: str
) -> None:
    detail, sent = _filed(
        services,
        _ask(
            api,
            key,
            services,
            "E0404",
            **{
                "attribute[depth_cm]": "20",
                "attribute[traffic]": "partial",
            },
        ),
    )
    assert sent == {"depth_cm": 20.0, "traffic": "partial"}
    assert detail.answers == (("积水深度（厘米）", "20"), ("通行情况", "部分可通行"))
    _, sent = _filed(
        services,
        _ask(
            api,
            key,
            services,
            "E0403",
            **{
                "attribute[signs][]": ["smell", "hiss", "smell"],
                "attribute[noticed_at]": "2026-12-01T08:30",
            },
        ),
    )
    assert sent == {
        "signs": ["smell", "hiss"],
        "noticed_at": "2026-12-01T08:30:00+08:00",
    }
    scene = "东侧人行道下有燃气管线，已设围挡。" * 20
    detail, sent = _filed(
        services,
        _ask(api, key, services, "E0401", **{"attribute[scene]": scene}),
    )
    assert sent == {"scene": scene}  # text, UTF-8 round trip
    detail, sent = _filed(
        services,
        _ask(
            api,
            key,
            services,
            "C0109",
            **{
                "attribute[pole_number]": "徐汇-漕溪-0231",
                "attribute[fault]": "dark",
                "media_url": "https://img.example.cn/p/123.jpg",
            },
        ),
    )
    assert sent == {"pole_number": "徐汇-漕溪-0231", "fault": "dark"}
    assert detail.row.media_url == "https://img.example.cn/p/123.jpg"
    shown = api.get(f"{BASE}/requests/{detail.row.number}.json").json()
    assert valid("requests.json", shown)[0]["media_url"] == detail.row.media_url


def test_wrong_answers_are_refused_with_the_question_named(
    api: TestClient, services: Services, key: str
) -> None:
    before = len(services.queries.find(_all()))
    good = {"attribute[depth_cm]": "20", "attribute[traffic]": "open"}
    for code, form, named in (
        ("E0404", {"attribute[depth_cm]": "20"}, "traffic"),  # required
        ("E0404", {**good, "attribute[depth_cm]": "deep"}, "depth_cm"),
        ("E0404", {**good, "attribute[depth_cm]": "nan"}, "depth_cm"),
        ("E0404", {**good, "attribute[traffic]": "closed"}, "traffic"),
        ("E0404", {**good, "attribute[traffic][]": ["open", "blocked"]}, "traffic"),
        ("E0404", {**good, "attribute[colour]": "brown"}, "colour"),
        ("E0403", {"attribute[signs][]": ["smell", "gas"]}, "signs"),
        (
            "E0403",
            {"attribute[signs]": "smell", "attribute[noticed_at]": "昨天"},
            "noticed_at",
        ),
        (
            "C0109",
            {"attribute[fault]": "dark", "attribute[pole_number]": "a\nb"},
            "pole_number",
        ),
        ("E0401", {"attribute[scene]": "长" * 2001}, "scene"),
        (
            "C0109",
            {"attribute[fault]": "dark", "media_url": "javascript:alert(1)"},
            "media_url",
        ),
        (
            "C0109",
            {"attribute[fault]": "dark", "media_url": "ftp://x/y.jpg"},
            "media_url",
        ),
    ):
        answer = _ask(api, key, services, code, **form)
        assert answer.status_code == 400, (form, answer.text)
        assert named in answer.json()[0]["description"], answer.text
    assert len(services.queries.find(_all())) == before
