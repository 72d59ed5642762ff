//! The link engine shared by `flightdeck links …` and `/api/v1/links`: creating a
//! tracking link for a creator in a campaign (destination checked against the
//! brand's domains, UTMs set per `docs/tracking.md`), and listing links with their
//! click counts (people apart from bots and link previews).

use chrono::{DateTime, Utc};
use flightdeck_core::domain::{
    Account, CampaignId, CreatorId, DeliverableId, LinkId, Platform, TrackingLink, Workspace, WorkspaceId,
};
use flightdeck_core::tracking::{build_destination, generate_short_code, LinkError, Utm, UtmMedium};
use flightdeck_store::{Record, Store, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Attempts at a fresh short code before giving up (a collision is ~2^-50 likely).
const CODE_ATTEMPTS: usize = 4;

/// What a new link is made of.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ToSchema)]
pub struct NewLink {
    /// The campaign's id (`ca_…`).
    pub campaign: String,
    /// The creator's id (`cr_…`).
    pub creator: String,
    /// The landing page: an http(s) URL on one of the brand's allowed domains.
    pub destination: String,
    /// `utm_content`; default: the creator's handle on the link's platform.
    #[serde(default)]
    pub content: Option<String>,
    /// `utm_medium`: `social` (default), `paid_social` or `affiliate`.
    #[serde(default)]
    pub medium: Option<String>,
    /// The platform the link is posted on (`utm_source`); default: the creator's
    /// largest account's.
    #[serde(default)]
    pub platform: Option<String>,
    /// The deliverable the link is for (`de_…`), if any.
    #[serde(default)]
    pub deliverable: Option<String>,
}

/// A link as the CLI and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct LinkView {
    /// The link's id.
    pub id: String,
    /// The short code.
    pub code: String,
    /// The short URL to share.
    pub url: String,
    /// The campaign.
    pub campaign_id: String,
    /// The creator.
    pub creator_id: String,
    /// The deliverable, if any.
    pub deliverable_id: Option<String>,
    /// The destination with its UTMs (each click adds `fd_cid`).
    pub destination: String,
    /// When it was made (RFC 3339, UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
    /// Clicks by people (the KPI).
    pub clicks: u64,
    /// Clicks by bots and link-preview crawlers (never in KPIs).
    pub bot_clicks: u64,
}

impl LinkView {
    /// The view of a stored link.
    pub fn of(link: &TrackingLink, public_url: &str, clicks: u64, bot_clicks: u64) -> Self {
        Self {
            id: link.id.to_string(),
            code: link.code.clone(),
            url: short_url(public_url, &link.code),
            campaign_id: link.campaign_id.to_string(),
            creator_id: link.creator_id.to_string(),
            deliverable_id: link.deliverable_id.as_ref().map(ToString::to_string),
            destination: link.destination.clone(),
            created_at: link.created_at,
            clicks,
            bot_clicks,
        }
    }
}

/// The short URL of `code` under `public_url`.
pub fn short_url(public_url: &str, code: &str) -> String {
    format!("{}/r/{code}", public_url.trim_end_matches('/'))
}

/// Why a link cannot be made or shown.
#[derive(Debug, thiserror::Error)]
pub enum TrackError {
    /// A field is malformed; the message names it and what was expected.
    #[error("{field}: {message}")]
    Invalid {
        /// The field (`--campaign`, `destination`, …).
        field: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// No such campaign, creator or link in this workspace.
    #[error("{0}")]
    NotFound(String),
    /// The destination is refused (open-redirect defence).
    #[error("destination: {0}")]
    Destination(#[from] LinkError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<TrackError> for crate::error::AppError {
    fn from(e: TrackError) -> Self {
        use crate::error::AppError;
        match e {
            TrackError::NotFound(_) => AppError::NotFound,
            TrackError::Store(s) => s.into(),
            other => AppError::InvalidRequest(other.to_string()),
        }
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> TrackError {
    TrackError::Invalid { field, message: message.into() }
}

/// Creates a tracking link in `workspace` and returns it (with no clicks yet).
pub async fn create_link(
    store: &dyn Store,
    workspace: &Workspace,
    new: &NewLink,
    public_url: &str,
) -> Result<LinkView, TrackError> {
    let ws = &workspace.id;
    let campaign_id = CampaignId::parse(new.campaign.trim()).map_err(|e| invalid("campaign", e.to_string()))?;
    let creator_id = CreatorId::parse(new.creator.trim()).map_err(|e| invalid("creator", e.to_string()))?;
    let deliverable_id = new
        .deliverable
        .as_deref()
        .map(|d| DeliverableId::parse(d.trim()))
        .transpose()
        .map_err(|e| invalid("deliverable", e.to_string()))?;
    let medium = new.medium.as_deref().map(UtmMedium::parse).transpose()?.unwrap_or(UtmMedium::Social);
    let platform =
        new.platform.as_deref().map(Platform::parse).transpose().map_err(|e| invalid("platform", e.to_string()))?;
    let campaign = store.campaign(ws, &campaign_id).await?.ok_or_else(|| {
        TrackError::NotFound(format!("no campaign `{campaign_id}` in workspace `{}`", workspace.name))
    })?;
    let creator = store
        .creator(ws, &creator_id)
        .await?
        .ok_or_else(|| TrackError::NotFound(format!("no creator `{creator_id}` in workspace `{}`", workspace.name)))?;
    let account = pick_account(&creator.accounts, platform)?;
    let content = new.content.clone().unwrap_or_else(|| account.handle.as_str().to_owned());
    let utm = Utm::for_platform(account.platform, medium, &campaign.slug).id(campaign.id.as_str()).content(content);
    let destination = build_destination(&new.destination, &workspace.brand.allowed_domains, &utm)?;
    let link = insert_new(store, ws, campaign_id, creator_id, deliverable_id, destination).await?;
    Ok(LinkView::of(&link, public_url, 0, 0))
}

/// The account whose platform the link is for: the one on `platform`, else the
/// largest.
fn pick_account(accounts: &[Account], platform: Option<Platform>) -> Result<&Account, TrackError> {
    let candidates = accounts.iter().filter(|a| platform.is_none_or(|p| a.platform == p));
    candidates.max_by_key(|a| a.followers).ok_or_else(|| match platform {
        Some(p) => invalid(
            "platform",
            format!("the creator has no {} account; leave --platform out or pick another", p.as_str()),
        ),
        None => invalid("creator", "the creator has no channel account; import one first"),
    })
}

async fn insert_new(
    store: &dyn Store,
    ws: &WorkspaceId,
    campaign_id: CampaignId,
    creator_id: CreatorId,
    deliverable_id: Option<DeliverableId>,
    destination: String,
) -> Result<TrackingLink, TrackError> {
    let mut last = None;
    for _ in 0..CODE_ATTEMPTS {
        let mut rng = rand::rngs::OsRng;
        let link = TrackingLink {
            id: LinkId::generate(&mut rng),
            code: generate_short_code(&mut rng),
            campaign_id: campaign_id.clone(),
            creator_id: creator_id.clone(),
            deliverable_id: deliverable_id.clone(),
            destination: destination.clone(),
            created_at: Utc::now(),
        };
        let mut session = store.begin(ws).await?;
        match session.insert_records(&[Record::Link(link.clone())]).await {
            Ok(()) => {
                session.commit().await?;
                return Ok(link);
            }
            Err(StoreError::Conflict(m)) => last = Some(StoreError::Conflict(m)),
            Err(e) => return Err(e.into()),
        }
    }
    Err(last.unwrap_or_else(|| StoreError::Conflict("short code".to_owned())).into())
}

/// Points a link of the workspace (by id or short code) at a new destination, with
/// the UTMs of its current one (same source, medium, content), and tells every link
/// cache ([`flightdeck_store::LinkStore::set_link_destination`]).
pub async fn update_destination(
    store: &dyn Store,
    workspace: &Workspace,
    id_or_code: &str,
    destination: &str,
    public_url: &str,
) -> Result<LinkView, TrackError> {
    let link = find_link(store, &workspace.id, id_or_code).await?;
    let campaign = store
        .campaign(&workspace.id, &link.campaign_id)
        .await?
        .ok_or_else(|| TrackError::NotFound(format!("the link's campaign `{}` is gone", link.campaign_id)))?;
    let old = url::Url::parse(&link.destination).ok();
    let utm_of =
        |key: &str| old.as_ref().and_then(|u| u.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned()));
    let source = utm_of("utm_source").unwrap_or_else(|| "social".to_owned());
    let medium = utm_of("utm_medium").map(|m| UtmMedium::parse(&m)).transpose()?.unwrap_or(UtmMedium::Social);
    let mut utm = Utm::new(source, medium, &campaign.slug).id(campaign.id.as_str());
    if let Some(content) = utm_of("utm_content") {
        utm = utm.content(content);
    }
    let built = build_destination(destination, &workspace.brand.allowed_domains, &utm)?;
    let changed = store
        .set_link_destination(&workspace.id, &link.id, &built)
        .await?
        .ok_or_else(|| TrackError::NotFound(format!("no link `{id_or_code}` in this workspace")))?;
    let counts = store.link_clicks(&workspace.id).await?;
    let (human, bots) = counts.iter().find(|c| c.link_id == changed.id).map_or((0, 0), |c| (c.human, c.bots));
    Ok(LinkView::of(&changed, public_url, human, bots))
}

/// The workspace's links, oldest first, with their click counts.
pub async fn list_links(store: &dyn Store, ws: &WorkspaceId, public_url: &str) -> Result<Vec<LinkView>, TrackError> {
    let links = store.list_links(ws).await?;
    let counts: std::collections::HashMap<LinkId, (u64, u64)> =
        store.link_clicks(ws).await?.into_iter().map(|c| (c.link_id, (c.human, c.bots))).collect();
    Ok(links
        .iter()
        .map(|l| {
            let (human, bots) = counts.get(&l.id).copied().unwrap_or((0, 0));
            LinkView::of(l, public_url, human, bots)
        })
        .collect())
}

/// The link of the workspace with this id or short code.
pub async fn find_link(store: &dyn Store, ws: &WorkspaceId, id_or_code: &str) -> Result<TrackingLink, TrackError> {
    let wanted = id_or_code.trim();
    if let Some(target) = store.link_by_code(wanted).await? {
        if &target.workspace_id == ws {
            return Ok(target.link);
        }
    }
    let links = store.list_links(ws).await?;
    links.into_iter().find(|l| l.id.as_str() == wanted).ok_or_else(|| {
        TrackError::NotFound(format!("no link `{wanted}` in this workspace: see `flightdeck links list`"))
    })
}
