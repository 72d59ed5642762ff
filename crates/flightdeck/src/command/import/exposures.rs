//! Import of a view-through exposures CSV (ad-platform reports of whitelisted posts).
//!
//! Every row is checked against the workspace first: its creator (id or name), its
//! campaign (id, slug or name) and its deliverable (which must be a post of that
//! creator). E-mail addresses are hashed under the workspace's customer key, exactly
//! as the shop webhooks hash order e-mails, and never stored. The rows are written in
//! one transaction; an exposure already stored is skipped, so a re-import changes
//! nothing.

use std::collections::HashMap;

use flightdeck_core::attribution::flight::ViewExposure;
use flightdeck_core::domain::{AccountId, CampaignId, CreatorId, DeliverableId};
use flightdeck_core::tracking::customer_hash;
use flightdeck_ingest::csv_rows::RowError;
use flightdeck_ingest::exposures_csv::{read_exposures, ExposureCsvRow, Viewer};
use flightdeck_store::{CreatorFilter, ExposureRow, Store};

use super::{open, rejected_error, report_rejected, Opts};
use crate::command::Ctx;
use crate::error::user;

/// What rows are checked against: the workspace's creators, campaigns and posts.
struct Lookup {
    /// Creators by id and by lower-case name (several ids: an ambiguous name).
    creators: HashMap<String, Vec<CreatorId>>,
    /// Campaigns by id, slug and lower-case name.
    campaigns: HashMap<String, Vec<CampaignId>>,
    /// The creator of each account.
    account_creator: HashMap<AccountId, CreatorId>,
    /// The account each deliverable is published on.
    deliverable_account: HashMap<DeliverableId, AccountId>,
    /// The customer-hash key.
    key: Vec<u8>,
}

impl Lookup {
    async fn load(store: &dyn Store, ws: &flightdeck_core::domain::WorkspaceId) -> anyhow::Result<Self> {
        let mut creators: HashMap<String, Vec<CreatorId>> = HashMap::new();
        let mut account_creator = HashMap::new();
        for c in store.list_creators(ws, &CreatorFilter::default()).await? {
            creators.entry(c.id.to_string()).or_default().push(c.id.clone());
            creators.entry(c.name.as_str().to_lowercase()).or_default().push(c.id.clone());
            for a in &c.accounts {
                account_creator.insert(a.id.clone(), c.id.clone());
            }
        }
        let mut campaigns: HashMap<String, Vec<CampaignId>> = HashMap::new();
        for c in store.list_campaigns(ws).await? {
            for key in [c.id.to_string(), c.slug.to_lowercase(), c.name.as_str().to_lowercase()] {
                let ids = campaigns.entry(key).or_default();
                if !ids.contains(&c.id) {
                    ids.push(c.id.clone());
                }
            }
        }
        let deliverable_account =
            store.list_deliverables(ws).await?.into_iter().map(|d| (d.id, d.account_id)).collect();
        let key = flightdeck_server::webhooks::customer_key(store, ws).await?;
        Ok(Self { creators, campaigns, account_creator, deliverable_account, key })
    }

    fn one<T: Clone>(
        map: &HashMap<String, Vec<T>>,
        row: &ExposureCsvRow,
        column: &str,
        raw: &str,
        what: &str,
    ) -> Result<T, RowError> {
        let err = |reason: String| RowError { line: row.line, column: Some(column.to_owned()), reason };
        match map.get(&raw.to_lowercase()).or_else(|| map.get(raw)).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(_) => Err(err(format!("several {what}s are called `{raw}`: give the id instead"))),
            None => Err(err(format!("expected the id or name of a {what} of this workspace, got `{raw}`"))),
        }
    }

    /// The row as an exposure to store, or why it cannot be.
    fn exposure(&self, row: &ExposureCsvRow) -> Result<ExposureRow, RowError> {
        let creator_id = Self::one(&self.creators, row, "creator", &row.creator, "creator")?;
        let campaign_id = Self::one(&self.campaigns, row, "campaign", &row.campaign, "campaign")?;
        if let Some(d) = &row.deliverable {
            let owner = self.deliverable_account.get(d).and_then(|a| self.account_creator.get(a));
            if owner != Some(&creator_id) {
                return Err(RowError {
                    line: row.line,
                    column: Some("deliverable".to_owned()),
                    reason: format!("expected a deliverable of creator `{}` in this workspace, got `{d}`", row.creator),
                });
            }
        }
        let customer = match &row.viewer {
            Viewer::Click(id) => id.to_string(),
            Viewer::Email(email) => customer_hash(email, &self.key).ok_or_else(|| RowError {
                line: row.line,
                column: Some("customer_email".to_owned()),
                reason: "expected an e-mail address, the cell is empty".to_owned(),
            })?,
        };
        let exposure = ViewExposure {
            customer,
            at: row.seen_at,
            creator_id,
            campaign_id,
            deliverable_id: row.deliverable.clone(),
        };
        Ok(ExposureRow { exposure, source: row.source.clone() })
    }
}

pub(crate) async fn run(opts: &Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let rows = read_exposures(open(&opts.file)?).map_err(|e| user(format!("{}: {e}", opts.file.display())))?;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let lookup = Lookup::load(store.as_ref(), &workspace.id).await?;
    let mut valid = Vec::new();
    let mut errors = Vec::new();
    for row in rows {
        match row.and_then(|r| lookup.exposure(&r)) {
            Ok(e) => valid.push(e),
            Err(e) => errors.push(e),
        }
    }
    report_rejected(&opts.file, &errors);
    if !errors.is_empty() && !opts.skip_invalid {
        return Err(rejected_error(&opts.file, &errors));
    }
    let new = store.insert_exposures(&workspace.id, &valid).await?;
    eprintln!(
        "imported {new} new view exposure(s) into workspace `{}` ({} repeated or already stored); {} row(s) rejected",
        workspace.name,
        (valid.len() as u64).saturating_sub(new),
        errors.len()
    );
    Ok(())
}
