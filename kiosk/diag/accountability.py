"""`diag health` items for settings and delivery (issue 16): every weakened security setting
(kiosk.config.weakened_settings, with the values a technician last set or confirmed, so a
hand edit shows), and the state of the delivery to the back office.

    check_settings(config, store=None) -> [Item]     one per weakened setting ("warn"; a
                                                     "note" is shown as ok), or one "ok"
    check_delivery(config, store=None) -> Item       the app's worker when this process runs
                                                     one, else what the settings allow
"""

from __future__ import annotations

from typing import Any

from kiosk.diag.common import Item, store_for


def check_settings(config: Any, store: Any = None) -> list[Item]:
    from kiosk.accounts.settings import audited_values
    from kiosk.config import weakened_settings
    from kiosk.store import StoreError

    audited = None
    try:
        with store_for(config, store) as opened:
            audited = audited_values(opened)
    except StoreError:
        pass  # the database item says why; hand edits cannot be told from audited changes
    items = [Item(w.key, "warn" if w.severity == "warn" else "ok", w.message)
             for w in weakened_settings(config, audited=audited)]
    if audited is None:
        items.append(Item("settings", "warn", "the audited values could not be read: a "
                          "setting changed by hand would not show here"))
    if not any(i.status != "ok" for i in items):
        items.insert(0, Item("settings", "ok", "no security setting is weakened"))
    return items


def check_delivery(config: Any, store: Any = None) -> Item:
    from kiosk.store import StoreError
    from kiosk.store.outbox import deliverer_from_config, delivery_status_here

    status = delivery_status_here()
    if status is not None:  # the app's own worker
        detail = f"{status.delivered} sent, {status.retrying} retrying, {status.failed} failed"
        if status.state in ("disabled", "starting", "idle", "stopped"):
            return Item("delivery", "ok", status.reason or status.state, detail)
        if status.state == "retrying":
            return Item("delivery", "warn", f"the back office failed some attempts "
                        f"({status.last_error or 'no detail'}); retrying", detail)
        return Item("delivery", "fail", f"delivery is {status.state}: "
                    f"{status.reason or status.last_error or 'no detail'}; check the back "
                    "office settings and `kiosk store deliver`", detail)
    if config.kiosk.training_mode:
        return Item("delivery", "ok", "training mode: nothing is delivered")
    if not config.backoffice.url:
        return Item("delivery", "ok", "no back office configured ([backoffice] url)")
    try:
        with store_for(config, store) as opened:
            deliverer_from_config(opened, config)
    except StoreError as exc:
        return Item("delivery", "fail", f"the back office settings cannot deliver: {exc}")
    return Item("delivery", "ok", "the settings can deliver (the kiosk app delivers; "
                "`kiosk store deliver` now)")
