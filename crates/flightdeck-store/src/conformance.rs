//! The conformance suite: one story that every backend must pass, so that SQLite
//! and PostgreSQL behave the same and answer byte-identically.
//!
//! Each scenario is an `async fn(&dyn Store)` that sets up what it needs in
//! workspaces of its own and asserts what the store answers; it panics (as a test
//! does) on the first difference. A backend's tests run every scenario on a fresh,
//! empty store with [`conformance_tests!`](crate::conformance_tests), or all of
//! them on one store with [`run_all`].

mod campaigns;
mod exposures;
mod fixture;
mod imports;
mod isolation;
mod links;
mod listing;
mod posts;
mod records;
mod shop_orders;
mod timing;
mod vetting;
mod workspaces;

use std::future::Future;
use std::pin::Pin;

use crate::Store;

pub use campaigns::campaigns_and_flights;
pub use exposures::view_exposures_stored_once;
pub use imports::{accounts_upsert, bulk_all_or_nothing, creator_followers_and_tier, metrics_upsert};
pub use isolation::workspace_isolation;
pub use links::links_clicks_and_changes;
pub use listing::{list_filters, list_sorting_and_paging};
pub use posts::posts_by_verdict;
pub use records::posts_comments_and_records;
pub use shop_orders::shop_deliveries_and_erasure;
pub use timing::{time_bulk_import, TimedStep};
pub use vetting::{rescore_and_explain, scores_replace_and_list, vetting_data_by_id_range};
pub use workspaces::{delete_workspace_removes_everything, personas_round_trip, workspaces_by_id_and_name};

/// The future a scenario returns.
pub type ScenarioFuture<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// One scenario of the suite.
#[derive(Clone, Copy)]
pub struct Scenario {
    /// Its name (that of its function and of the test that runs it).
    pub name: &'static str,
    /// Runs it against a store.
    pub run: for<'a> fn(&'a dyn Store) -> ScenarioFuture<'a>,
}

impl std::fmt::Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scenario").field("name", &self.name).finish()
    }
}

macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        /// Every scenario, in the order [`run_all`] runs them.
        pub const SCENARIOS: &[Scenario] = &[
            $(Scenario { name: stringify!($name), run: |store| Box::pin($name(store)) }),*
        ];
    };
}

scenarios!(
    workspaces_by_id_and_name,
    personas_round_trip,
    bulk_all_or_nothing,
    accounts_upsert,
    metrics_upsert,
    creator_followers_and_tier,
    list_filters,
    list_sorting_and_paging,
    workspace_isolation,
    posts_comments_and_records,
    campaigns_and_flights,
    links_clicks_and_changes,
    posts_by_verdict,
    vetting_data_by_id_range,
    scores_replace_and_list,
    rescore_and_explain,
    shop_deliveries_and_erasure,
    view_exposures_stored_once,
    delete_workspace_removes_everything,
);

/// Runs every scenario against one store, one after the other (each works in
/// workspaces of its own, so they do not disturb each other).
pub async fn run_all(store: &dyn Store) {
    for scenario in SCENARIOS {
        (scenario.run)(store).await;
    }
}

/// Runs the scenario called `name`; panics when there is none.
pub async fn run_scenario(name: &str, store: &dyn Store) {
    match SCENARIOS.iter().find(|s| s.name == name) {
        Some(scenario) => (scenario.run)(store).await,
        None => panic!("the conformance suite has no scenario `{name}`"),
    }
}

/// Defines one `#[tokio::test]` per scenario of the suite, each calling
/// `$run(name).await` (an `async fn(&'static str)` of the backend's test file that
/// makes a fresh store and calls [`run_scenario`]), and a test that fails when
/// the list below misses a scenario of [`SCENARIOS`].
///
/// The calling crate needs `tokio` (with `macros` and `rt-multi-thread`) as a
/// dev-dependency.
#[macro_export]
macro_rules! conformance_tests {
    ($run:path) => {
        $crate::conformance_tests!(@each $run;
            workspaces_by_id_and_name,
            personas_round_trip,
            bulk_all_or_nothing,
            accounts_upsert,
            metrics_upsert,
            creator_followers_and_tier,
            list_filters,
            list_sorting_and_paging,
            workspace_isolation,
            posts_comments_and_records,
            campaigns_and_flights,
            links_clicks_and_changes,
            posts_by_verdict,
            vetting_data_by_id_range,
            scores_replace_and_list,
            rescore_and_explain,
            shop_deliveries_and_erasure,
            view_exposures_stored_once,
            delete_workspace_removes_everything,
        );
    };
    (@each $run:path; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                $run(stringify!($name)).await;
            }
        )*

        #[test]
        fn every_conformance_scenario_has_a_test() {
            let listed = [$(stringify!($name)),*];
            let all: Vec<&str> = $crate::conformance::SCENARIOS.iter().map(|s| s.name).collect();
            assert_eq!(listed.to_vec(), all, "conformance_tests! and SCENARIOS list different scenarios");
        }
    };
}
