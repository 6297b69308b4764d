//! Builders for the assessment tests: a compact base contract in the portfolio format, patched
//! per case, deserialized through the project's own spanned JSON loader.

#![allow(dead_code)]

use serde_json::{Value, json};
use vesentlig::assessment::Assessment;
use vesentlig::load::json::{from_node, parse};
use vesentlig::model::{Contract, Merger};
use vesentlig::thresholds::Thresholds;

/// Cleaning services for municipality A: 12 000 000 kr, signed 2021, running 2021–2026, part
/// III; one proposed change `c` dated 2025-06-01 with no effect until patched.
pub fn base() -> Value {
    json!({
        "id": "k",
        "title": "Renhold",
        "authorities": ["A"],
        "supplier": { "name": "Rent AS", "org_no": "999999999" },
        "kind": "contract",
        "subject": "services",
        "character": "standard",
        "award": { "procedure": "open", "announced": true, "signed": "2021-01-01" },
        "start": "2021-01-01",
        "end": "2026-12-31",
        "value": "12000000",
        "proposed_changes": [
            { "id": "c", "description": "endring", "date": "2025-06-01", "value_change": "0" }
        ]
    })
}

/// Merges `patch` into `target`: objects key by key, everything else replaced.
pub fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                merge(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// The base contract with `contract` merged in and `change` merged into its proposed change.
pub fn contract_json(contract: Value, change: Value) -> Value {
    let mut c = base();
    merge(&mut c, &contract);
    if let Some(first) = c["proposed_changes"].get_mut(0) {
        merge(first, &change);
    }
    c
}

/// Deserializes a contract through the project's loader (exact decimals).
pub fn to_contract(v: &Value) -> Contract {
    let text = v.to_string();
    let tree = parse(&text).expect("valid JSON");
    from_node(&tree, "$").unwrap_or_else(|e| panic!("contract does not deserialize: {e:?}"))
}

pub fn to_merger(v: &Value) -> Merger {
    let text = v.to_string();
    let tree = parse(&text).expect("valid JSON");
    from_node(&tree, "$").unwrap_or_else(|e| panic!("merger does not deserialize: {e:?}"))
}

/// A new-entity merger of A and B into «Nye Fjordvik kommune», explored from 2022-06-01,
/// decided 2023-06-15, effective 2026-01-01.
pub fn merger() -> Value {
    json!({
        "name": "Nye Fjordvik kommune",
        "form": "new_entity",
        "explored_from": "2022-06-01",
        "decided": "2023-06-15",
        "effective": "2026-01-01",
        "municipalities": [
            { "id": "A", "name": "Austvik kommune", "continues": false },
            { "id": "B", "name": "Bervik kommune", "continues": false },
            { "id": "C", "name": "Cedal kommune", "continues": false }
        ]
    })
}

/// Assesses the first proposed change of the patched base contract.
pub fn assess(contract: Value, change: Value, merger: Option<Value>) -> Assessment {
    let c = to_contract(&contract_json(contract, change));
    let m = merger.as_ref().map(to_merger);
    vesentlig::law::assess_change(
        &c,
        &c.proposed_changes[0],
        m.as_ref(),
        &Thresholds::default(),
    )
}
