//! Campaigns, flights, collaborations, briefs, contracts and deliverables.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    AccountId, BriefId, CampaignId, CollaborationId, ContractId, CreatorId, DeliverableId, DomainError, FlightId,
    Money, Name, PostFormat,
};

/// What a campaign is for; it decides KPIs, tier mix and attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Goal {
    /// Reach and brand preference.
    Awareness,
    /// Engagement and site traffic.
    Consideration,
    /// Leads and sales.
    Conversion,
    /// Lasting preference (ambassadors).
    Loyalty,
}

impl Goal {
    /// The lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Goal::Awareness => "awareness",
            Goal::Consideration => "consideration",
            Goal::Conversion => "conversion",
            Goal::Loyalty => "loyalty",
        }
    }

    /// Parses a goal name.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "awareness" => Ok(Goal::Awareness),
            "consideration" => Ok(Goal::Consideration),
            "conversion" => Ok(Goal::Conversion),
            "loyalty" => Ok(Goal::Loyalty),
            _ => Err(DomainError::new(
                "goal",
                format!("expected awareness, consideration, conversion or loyalty; got `{raw}`"),
            )),
        }
    }
}

/// A KPI target of a campaign (`cpa` ≤ 1500 cents, `reach` ≥ 500000, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiTarget {
    /// The KPI (`reach`, `cpm`, `er`, `ctr`, `cpa`, `roas`, `orders`, …).
    pub kpi: String,
    /// The target value (money KPIs in minor units).
    pub target: f64,
}

/// A campaign: a goal, a budget, KPI targets and flights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// The campaign's opaque id.
    pub id: CampaignId,
    /// The campaign's name.
    pub name: Name,
    /// A URL-safe slug used as `utm_campaign`.
    pub slug: String,
    /// The goal.
    pub goal: Goal,
    /// The total budget.
    pub budget: Money,
    /// KPI targets agreed before launch.
    pub kpis: Vec<KpiTarget>,
    /// The landing page, when there is one.
    pub landing_url: Option<String>,
}

/// A time-boxed wave of a campaign; reporting and decisions happen per flight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flight {
    /// The flight's opaque id.
    pub id: FlightId,
    /// The campaign it belongs to.
    pub campaign_id: CampaignId,
    /// The flight's name (`Flight 1 – launch`).
    pub name: Name,
    /// First day (UTC).
    pub starts_on: NaiveDate,
    /// Last day (UTC), inclusive.
    pub ends_on: NaiveDate,
    /// The flight's share of the budget.
    pub budget: Money,
}

/// The kind of collaboration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollaborationKind {
    /// A sponsored post for a fixed fee.
    SponsoredPost,
    /// Commission per sale or lead.
    Affiliate,
    /// A long-term, repeated partnership.
    Ambassador,
}

/// How a creator is paid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum FeeModel {
    /// A fixed fee.
    Fixed {
        /// The fee.
        fee: Money,
    },
    /// A fixed fee plus a bonus when a KPI is met.
    FixedPlusBonus {
        /// The fixed fee.
        fee: Money,
        /// The bonus.
        bonus: Money,
        /// What earns the bonus (`orders >= 50`).
        condition: String,
    },
    /// A commission on each attributed sale, in basis points (1000 = 10 %).
    Commission {
        /// The commission rate in basis points.
        rate_bp: u32,
    },
}

/// A collaboration between the brand and one creator in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collaboration {
    /// The collaboration's opaque id.
    pub id: CollaborationId,
    /// The campaign.
    pub campaign_id: CampaignId,
    /// The creator.
    pub creator_id: CreatorId,
    /// Sponsored post, affiliate or ambassador.
    pub kind: CollaborationKind,
    /// How the creator is paid.
    pub fee: FeeModel,
}

/// A brief: what the creator is asked to make and say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// The brief's opaque id.
    pub id: BriefId,
    /// The collaboration it is for.
    pub collaboration_id: CollaborationId,
    /// The goal in the creator's words.
    pub goal: String,
    /// The key message.
    pub key_message: String,
    /// Do's.
    pub dos: Vec<String>,
    /// Don'ts.
    pub donts: Vec<String>,
    /// Must-says.
    pub must_says: Vec<String>,
    /// The call to action.
    pub cta: String,
    /// Tone of voice.
    pub tone_of_voice: String,
    /// Assets handed over.
    pub assets: Vec<String>,
    /// Evidence for claims made.
    pub claim_evidence: Vec<String>,
}

/// A contract: deliverables, money, rights and duties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    /// The contract's opaque id.
    pub id: ContractId,
    /// The collaboration it governs.
    pub collaboration_id: CollaborationId,
    /// The fee.
    pub fee: FeeModel,
    /// Payment term in days.
    pub payment_term_days: u32,
    /// Days before, during and after the campaign without competitor work.
    pub exclusivity_days: u32,
    /// Whether the brand may reuse the content.
    pub usage_rights: bool,
    /// For how many days the brand may reuse it.
    pub usage_rights_days: u32,
    /// Whether the brand may advertise through the creator's account.
    pub whitelisting: bool,
    /// Revision rounds included.
    pub revision_rounds: u32,
    /// The cancellation clause.
    pub cancellation: String,
    /// When it was signed, if it was.
    pub signed_at: Option<DateTime<Utc>>,
}

/// Where a deliverable is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliverableState {
    /// The creator is working on a concept.
    Concept,
    /// The brand is reviewing.
    Review,
    /// The brand asked for changes.
    ChangesRequested,
    /// Approved.
    Approved,
    /// Scheduled to go live.
    Scheduled,
    /// Live.
    Live,
    /// Live and checked (proof kept).
    Verified,
}

impl DeliverableState {
    /// The states a deliverable may move to from this one.
    pub fn next_states(&self) -> &'static [DeliverableState] {
        use DeliverableState::*;
        match self {
            Concept => &[Review],
            Review => &[ChangesRequested, Approved],
            ChangesRequested => &[Review],
            Approved => &[Scheduled, Live],
            Scheduled => &[Live],
            Live => &[Verified],
            Verified => &[],
        }
    }
}

/// One thing a creator delivers under a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deliverable {
    /// The deliverable's opaque id.
    pub id: DeliverableId,
    /// The contract it belongs to.
    pub contract_id: ContractId,
    /// The account it will be published on.
    pub account_id: AccountId,
    /// Its format.
    pub format: PostFormat,
    /// The deadline.
    pub due_on: NaiveDate,
    /// Its state.
    pub state: DeliverableState,
    /// The planned or published caption.
    pub caption: String,
    /// Revision rounds used so far.
    pub revisions_used: u32,
    /// The URL where it went live.
    pub live_url: Option<String>,
}
