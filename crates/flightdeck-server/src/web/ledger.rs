//! The tracking numbers the dashboard and the portal show: links, codes, clicks and
//! orders of a workspace loaded once per page, with each order credited (for counting,
//! not attribution) to the campaign and creator it most plainly belongs to.
//!
//! An order belongs to the campaign of its first discount code that the workspace
//! knows; else to the campaign of the link whose click id it carries; else to the
//! campaign whose slug is its `utm_campaign`. Clicks count only when a person made
//! them (link previews and bots are stored, never counted).

use std::collections::{BTreeMap, HashMap};

use flightdeck_core::domain::{CampaignId, Click, CreatorId, DiscountCode, Money, Order, TrackingLink, WorkspaceId};
use flightdeck_core::tracking::normalize_code;
use flightdeck_store::{Store, StoreResult};

/// The tracking rows of one workspace.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Links, oldest first.
    pub links: Vec<TrackingLink>,
    /// Discount codes, by code.
    pub codes: Vec<DiscountCode>,
    /// Clicks, oldest first (previews and bots included).
    pub clicks: Vec<Click>,
    /// Orders, by time placed.
    pub orders: Vec<Order>,
}

/// Who an order is counted for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderOwner {
    /// The campaign.
    pub campaign: CampaignId,
    /// The creator, when a code or a link names one.
    pub creator: Option<CreatorId>,
    /// How the order was matched: `code`, `link` or `utm`.
    pub via: &'static str,
}

/// Numbers of one campaign or one creator.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Tracking links.
    pub links: u64,
    /// Discount codes.
    pub codes: u64,
    /// Clicks by people.
    pub clicks: u64,
    /// Orders.
    pub orders: u64,
    /// Net revenue (total minus refunds) per currency, in minor units.
    pub revenue: BTreeMap<String, i64>,
}

impl Tally {
    /// Revenue as text, one amount per currency (`EUR 1,234.50`), `—` when none.
    pub fn revenue_text(&self) -> String {
        if self.revenue.is_empty() {
            return "—".to_owned();
        }
        self.revenue
            .iter()
            .filter_map(|(c, minor)| {
                let currency = flightdeck_core::domain::Currency::parse(c).ok()?;
                Some(money_text(&Money::new(*minor, currency)))
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }

    fn add_order(&mut self, order: &Order) {
        self.orders += 1;
        *self.revenue.entry(order.total.currency.as_str().to_owned()).or_default() += order.net().minor;
    }
}

/// An amount with thousands separators: `EUR 1,234.50`.
pub fn money_text(m: &Money) -> String {
    let text = m.to_decimal_string();
    let (whole, frac) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{} {sign}{grouped}.{f}", m.currency),
        None => format!("{} {sign}{grouped}", m.currency),
    }
}

/// Lookups over a [`Ledger`].
pub struct Index<'a> {
    link_by_id: HashMap<&'a str, &'a TrackingLink>,
    click_link: HashMap<&'a str, &'a str>,
    code_by_key: HashMap<String, &'a DiscountCode>,
    campaign_by_slug: HashMap<String, CampaignId>,
}

impl Ledger {
    /// Loads the workspace's links, codes, clicks and orders.
    pub async fn load(store: &dyn Store, workspace: &WorkspaceId) -> StoreResult<Self> {
        Ok(Ledger {
            links: store.list_links(workspace).await?,
            codes: store.list_codes(workspace).await?,
            clicks: store.list_clicks(workspace, None).await?,
            orders: store.list_orders(workspace).await?,
        })
    }

    /// Lookups, with the campaigns' slugs for matching `utm_campaign`.
    pub fn index<'a>(&'a self, slugs: &[(CampaignId, String)]) -> Index<'a> {
        Index {
            link_by_id: self.links.iter().map(|l| (l.id.as_str(), l)).collect(),
            click_link: self.clicks.iter().map(|c| (c.id.as_str(), c.link_id.as_str())).collect(),
            code_by_key: self.codes.iter().map(|c| (normalize_code(&c.code), c)).collect(),
            campaign_by_slug: slugs.iter().map(|(id, s)| (s.to_ascii_lowercase(), id.clone())).collect(),
        }
    }

    /// Numbers per campaign.
    pub fn by_campaign(&self, ix: &Index<'_>) -> HashMap<CampaignId, Tally> {
        let mut out: HashMap<CampaignId, Tally> = HashMap::new();
        for l in &self.links {
            out.entry(l.campaign_id.clone()).or_default().links += 1;
        }
        for c in &self.codes {
            out.entry(c.campaign_id.clone()).or_default().codes += 1;
        }
        for c in self.clicks.iter().filter(|c| c.agent.is_human()) {
            if let Some(l) = ix.link_by_id.get(c.link_id.as_str()) {
                out.entry(l.campaign_id.clone()).or_default().clicks += 1;
            }
        }
        for o in &self.orders {
            if let Some(owner) = ix.owner(o) {
                out.entry(owner.campaign).or_default().add_order(o);
            }
        }
        out
    }

    /// Numbers of one creator's links, codes, clicks and orders.
    pub fn of_creator(&self, ix: &Index<'_>, creator: &CreatorId) -> Tally {
        let mut t = Tally {
            links: self.links.iter().filter(|l| &l.creator_id == creator).count() as u64,
            codes: self.codes.iter().filter(|c| c.creator_id.as_ref() == Some(creator)).count() as u64,
            ..Tally::default()
        };
        t.clicks =
            self.clicks.iter().filter(|c| c.agent.is_human() && ix.click_creator(c) == Some(creator)).count() as u64;
        for o in self.orders.iter().filter(|o| ix.owner(o).and_then(|w| w.creator).as_ref() == Some(creator)) {
            t.add_order(o);
        }
        t
    }
}

impl<'a> Index<'a> {
    /// The link a click was made on.
    pub fn link(&self, id: &str) -> Option<&'a TrackingLink> {
        self.link_by_id.get(id).copied()
    }

    /// The creator of the link a click was made on.
    pub fn click_creator(&self, c: &Click) -> Option<&'a CreatorId> {
        self.link(c.link_id.as_str()).map(|l| &l.creator_id)
    }

    /// The workspace's discount code for a code on an order.
    pub fn code(&self, raw: &str) -> Option<&'a DiscountCode> {
        self.code_by_key.get(&normalize_code(raw)).copied()
    }

    /// The link whose click id an order carries.
    pub fn order_link(&self, o: &Order) -> Option<&'a TrackingLink> {
        let link = self.click_link.get(o.click_id.as_deref()?)?;
        self.link(link)
    }

    /// Who the order is counted for (see the module docs), or `None`.
    pub fn owner(&self, o: &Order) -> Option<OrderOwner> {
        if let Some(code) = o.codes.iter().find_map(|c| self.code(c)) {
            let creator = code.creator_id.clone();
            return Some(OrderOwner { campaign: code.campaign_id.clone(), creator, via: "code" });
        }
        if let Some(link) = self.order_link(o) {
            return Some(OrderOwner {
                campaign: link.campaign_id.clone(),
                creator: Some(link.creator_id.clone()),
                via: "link",
            });
        }
        let slug = o.utm_campaign.as_deref()?.to_ascii_lowercase();
        let campaign = self.campaign_by_slug.get(&slug)?.clone();
        Some(OrderOwner { campaign, creator: None, via: "utm" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flightdeck_core::domain::Currency;

    #[test]
    fn money_has_thousands_separators() {
        assert_eq!(money_text(&Money::new(123_456_789, Currency::EUR)), "EUR 1,234,567.89");
        assert_eq!(money_text(&Money::new(-5, Currency::EUR)), "EUR -0.05");
        assert_eq!(Tally::default().revenue_text(), "—");
    }
}
