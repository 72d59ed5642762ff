//! The discount-code engine of `flightdeck codes generate|list`: one unique, readable
//! code per creator of a campaign (`PREFIX-CREATOR` + digits, see `docs/tracking.md`),
//! stored all or nothing, unique against every code of the workspace.

use flightdeck_core::domain::{CampaignId, CodeId, CreatorId, DiscountCode, Workspace};
use flightdeck_core::tracking::{CodeGenerator, MAX_PREFIX_LEN};
use flightdeck_store::{Record, Store};

use super::links::TrackError;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCodes {
    /// The campaign (`ca_…`).
    pub campaign: String,
    /// One creator (`cr_…`); `None`: every creator of the campaign.
    pub creator: Option<String>,
    /// The campaign prefix; `None`: the first letters and digits of the campaign slug.
    pub prefix: Option<String>,
    /// The discount in percent (1–100).
    pub percent_off: u8,
}

/// The default prefix of a campaign: its slug's letters and digits, at most
/// [`MAX_PREFIX_LEN`] (`zomer-2025` → `ZOMER2025`).
pub fn default_prefix(slug: &str) -> String {
    slug.chars().filter(char::is_ascii_alphanumeric).take(MAX_PREFIX_LEN).collect()
}

/// Generates and stores the codes; returns them in creator order.
pub async fn generate_codes(
    store: &dyn Store,
    workspace: &Workspace,
    new: &NewCodes,
) -> Result<Vec<DiscountCode>, TrackError> {
    let ws = &workspace.id;
    let invalid = |field: &'static str, message: String| TrackError::Invalid { field, message };
    if !(1..=100).contains(&new.percent_off) {
        return Err(invalid("percent", format!("expected 1 to 100, got {}", new.percent_off)));
    }
    let campaign_id = CampaignId::parse(new.campaign.trim()).map_err(|e| invalid("campaign", e.to_string()))?;
    let campaign = store.campaign(ws, &campaign_id).await?.ok_or_else(|| {
        TrackError::NotFound(format!("no campaign `{campaign_id}` in workspace `{}`", workspace.name))
    })?;
    let creator_ids = match &new.creator {
        Some(c) => vec![CreatorId::parse(c.trim()).map_err(|e| invalid("creator", e.to_string()))?],
        None => store.campaign_creators(ws, &campaign_id).await?,
    };
    if creator_ids.is_empty() {
        return Err(invalid(
            "creator",
            "the campaign has no creators yet (no collaborations or links): name one with --creator".to_owned(),
        ));
    }
    let mut names = Vec::with_capacity(creator_ids.len());
    for id in &creator_ids {
        let creator = store
            .creator(ws, id)
            .await?
            .ok_or_else(|| TrackError::NotFound(format!("no creator `{id}` in workspace `{}`", workspace.name)))?;
        let handle = creator.accounts.iter().max_by_key(|a| a.followers).map(|a| a.handle.as_str().to_owned());
        names.push(handle.unwrap_or_else(|| creator.name.to_string()));
    }
    let prefix = new.prefix.clone().unwrap_or_else(|| default_prefix(&campaign.slug));
    let generator = CodeGenerator::new(&prefix).map_err(|e| invalid("prefix", e.to_string()))?;
    let existing: Vec<String> = store.list_codes(ws).await?.into_iter().map(|c| c.code).collect();
    let mut rng = rand::rngs::OsRng;
    let texts = generator.generate_batch(&names, existing, &mut rng).map_err(|e| invalid("prefix", e.to_string()))?;
    let codes: Vec<DiscountCode> = texts
        .into_iter()
        .zip(creator_ids)
        .map(|(code, creator)| DiscountCode {
            id: CodeId::generate(&mut rng),
            code,
            campaign_id: campaign_id.clone(),
            creator_id: Some(creator),
            percent_off: new.percent_off,
        })
        .collect();
    let mut session = store.begin(ws).await?;
    let records: Vec<Record> = codes.iter().cloned().map(Record::Code).collect();
    session.insert_records(&records).await?;
    session.commit().await?;
    Ok(codes)
}
