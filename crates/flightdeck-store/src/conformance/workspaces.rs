//! Workspaces, personas, and deleting a workspace with everything in it.

use flightdeck_core::domain::{AgeRange, Country, Language, Persona, Platform};

use super::fixture::{conflict, import, name, ok, parse, rows, workspace, workspace_value, Row};
use super::records::fill;
use crate::{CreatorFilter, Store, WorkspaceCounts};

/// Workspaces are created, listed by name in byte order, found by id or by name,
/// refused when their name (or id) is taken, and deleted.
pub async fn workspaces_by_id_and_name(store: &dyn Store) {
    // Byte order puts `-` (0x2d) before digits before `_` (0x5f); linguistic
    // collations do not.
    let names = ["wsn-zeta", "wsn-alpha1", "wsn-alpha_3", "wsn-alpha-2"];
    let created: Vec<_> = names.iter().map(|n| workspace_value(n)).collect();
    for ws in &created {
        ok("create_workspace", store.create_workspace(ws).await);
    }
    let listed: Vec<String> = ok("workspaces", store.workspaces().await)
        .into_iter()
        .map(|w| w.name.to_string())
        .filter(|n| n.starts_with("wsn-"))
        .collect();
    assert_eq!(listed, ["wsn-alpha-2", "wsn-alpha1", "wsn-alpha_3", "wsn-zeta"], "workspaces by name, byte order");

    let zeta = &created[0];
    assert_eq!(ok("find by id", store.find_workspace(zeta.id.as_str()).await).as_ref(), Some(zeta));
    assert_eq!(ok("find by name", store.find_workspace("wsn-zeta").await).as_ref(), Some(zeta));
    assert_eq!(ok("find unknown", store.find_workspace("wsn-nope").await), None);
    assert_eq!(ok("find by a prefix", store.find_workspace("wsn-").await), None);

    let mut same_name = workspace_value("wsn-zeta");
    same_name.id = parse("ws_wsnzetatwo");
    conflict("a taken name", store.create_workspace(&same_name).await);
    let mut same_id = workspace_value("wsn-other");
    same_id.id = zeta.id.clone();
    conflict("a taken id", store.create_workspace(&same_id).await);
    assert_eq!(
        ok("find the other", store.find_workspace("wsn-other").await),
        None,
        "a refused workspace is not stored"
    );

    ok("delete_workspace", store.delete_workspace(&zeta.id).await);
    assert_eq!(ok("find deleted", store.find_workspace("wsn-zeta").await), None);
    assert_eq!(ok("find deleted by id", store.find_workspace(zeta.id.as_str()).await), None);
    let left =
        ok("workspaces", store.workspaces().await).into_iter().filter(|w| w.name.as_str().starts_with("wsn-")).count();
    assert_eq!(left, 3, "deleting one workspace leaves the others");
    ok("the name is free again", store.create_workspace(&same_name).await);
}

fn persona(id: &str, persona_name: &str, min: u8) -> Persona {
    Persona {
        id: parse(id),
        name: name(persona_name),
        interests: vec!["sustainability".to_owned(), "fitness".to_owned()],
        age_range: match AgeRange::new(min, min + 10) {
            Ok(r) => r,
            Err(e) => panic!("the suite's own age range: {e}"),
        },
        countries: vec![Country::NL, Country::BE],
        languages: vec![Language::NL],
        values: vec!["eerlijkheid \"echt\" — ✓".to_owned()],
    }
}

/// Personas come back exactly as saved, by name in byte order; saving replaces
/// the whole set, all or nothing; other workspaces see none of them.
pub async fn personas_round_trip(store: &dyn Store) {
    let ws = workspace(store, "wsp-personas").await;
    let other = workspace(store, "wsp-other").await;
    let daan = persona("pe_wspdaan", "duurzame Daan", 25);
    let bea = persona("pe_wspbea", "Budget Bea", 18);
    let emilie = persona("pe_wspemilie", "Émilie", 30);
    ok("save_personas", store.save_personas(&ws, &[daan.clone(), emilie.clone(), bea.clone()]).await);
    let back = ok("personas", store.personas(&ws).await);
    assert_eq!(back, vec![bea.clone(), daan.clone(), emilie], "personas by name in byte order, unchanged");
    assert!(ok("personas of another workspace", store.personas(&other).await).is_empty());

    ok("save_personas again", store.save_personas(&ws, std::slice::from_ref(&daan)).await);
    assert_eq!(ok("personas", store.personas(&ws).await), vec![daan.clone()], "saving replaces the set");

    let twin = persona("pe_wsptwin", "Budget Bea", 40);
    conflict("two personas with one name", store.save_personas(&ws, &[bea, twin]).await);
    assert_eq!(ok("personas", store.personas(&ws).await), vec![daan], "a refused save changes nothing");
}

/// Deleting a workspace removes every row it holds and nothing of another one;
/// its ids, codes and name can then be used again.
pub async fn delete_workspace_removes_everything(store: &dyn Store) {
    let ws = workspace(store, "wsd-doomed").await;
    let keep = workspace(store, "wsd-kept").await;
    ok("save_personas", store.save_personas(&ws, &[persona("pe_wsddoomed", "Doomed", 20)]).await);
    ok("save_personas", store.save_personas(&keep, &[persona("pe_wsdkept", "Kept", 20)]).await);
    let doomed = fill(store, &ws, "wsdd").await;
    fill(store, &keep, "wsdk").await;
    let kept_before = ok("counts", store.counts(&keep).await);
    assert!(ok("counts", store.counts(&ws).await).metric_days > 0, "the workspace was filled");

    ok("delete_workspace", store.delete_workspace(&ws).await);
    assert_eq!(ok("find", store.find_workspace("wsd-doomed").await), None);
    assert_eq!(ok("counts", store.counts(&ws).await), WorkspaceCounts::default(), "nothing is left");
    assert!(ok("personas", store.personas(&ws).await).is_empty());
    assert!(ok("account_keys", store.account_keys(&ws).await).is_empty());
    assert!(ok("list", store.list_creators(&ws, &CreatorFilter::default()).await).is_empty());
    assert_eq!(ok("creator", store.creator(&ws, &doomed).await), None);
    assert!(ok("metrics", store.creator_metrics(&ws, &doomed).await).is_empty());

    assert_eq!(ok("counts", store.counts(&keep).await), kept_before, "another workspace is untouched");
    assert_eq!(ok("personas", store.personas(&keep).await).len(), 1);

    // Everything of the deleted workspace is gone, so the same ids and codes fit again.
    let again = workspace(store, "wsd-doomed").await;
    assert_eq!(ok("counts", store.counts(&again).await), WorkspaceCounts::default(), "a new workspace is empty");
    ok("save_personas", store.save_personas(&again, &[persona("pe_wsddoomed", "Doomed", 20)]).await);
    fill(store, &again, "wsdd").await;
    let ids = import(store, &again, &rows("wsdx", &[Row::new("Late", Platform::Blog, "late", 5)])).await;
    assert_eq!(ids.len(), 1);
}
