//! Collaborations of one campaign: deal, documents, deliverables with their states,
//! the posts that went live, tracking links and discount codes.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveTime};
use rand::Rng;

use super::brand::DemoBrand;
use super::campaigns::{landing, CampaignSpec, DemoCollaboration, LivePost};
use super::captions::{caption, CaptionSpec, SponsorText};
use super::docs::{brief, contract, deal, fee_per_post};
use super::lexicon::lexicon;
use super::model::formats;
use super::names::Origin;
use super::posts::{external_id, numbers, paid_label, Reach};
use super::rng::{lognormal, weighted};
use super::selection::Pick;
use super::{DemoPost, Disclosure, Relationship, Sponsorship, FIRST_DAY, LAST_DAY};
use crate::domain::{
    Campaign, CodeId, Collaboration, CollaborationId, CollaborationKind, Country, Deliverable, DeliverableId,
    DeliverableState, DiscountCode, Flight, Goal, Language, LinkId, Platform, Post, PostFormat, PostId, TrackingLink,
};
use crate::tracking::{build_destination, generate_short_code, CodeGenerator, Utm, UtmMedium};

/// The brand's handle in captions.
const BRAND_HANDLE: &str = "duinhart";

/// Builds the collaborations of one campaign.
pub(crate) fn collaborations<R: Rng + ?Sized>(
    rng: &mut R,
    spec: &CampaignSpec,
    campaign: &Campaign,
    flights: &[Flight],
    picks: &[Pick],
    brand: &DemoBrand,
) -> Vec<DemoCollaboration> {
    let mut taken: HashSet<String> = HashSet::new();
    let codes = CodeGenerator::new(spec.code_prefix).ok();
    let mut out = Vec::with_capacity(picks.len());
    for (n, pick) in picks.iter().enumerate() {
        let Some(flight) = flights.get(usize::from(rng.gen_bool(0.6))).or(flights.first()) else { break };
        let id = CollaborationId::generate(rng);
        let account = pick.account;
        let count = match account.platform {
            Platform::Podcast | Platform::Newsletter => 1,
            _ if spec.goal == Goal::Awareness => rng.gen_range(2..=3),
            _ => rng.gen_range(1..=2),
        };
        let fee = fee_per_post(rng, account.tier()) * count as i64;
        let (kind, fee_model) = deal(rng, spec.goal, fee);
        let code_text = codes
            .as_ref()
            .and_then(|g| g.generate(account.handle.as_str(), &mut taken, rng).ok())
            .unwrap_or_else(|| format!("{}-{}", spec.code_prefix, n + 2));
        let code = DiscountCode {
            id: CodeId::generate(rng),
            code: code_text.clone(),
            campaign_id: campaign.id.clone(),
            creator_id: Some(pick.summary.creator.id.clone()),
            percent_off: spec.percent_off,
        };
        let big = account.tier() >= crate::domain::Tier::Macro;
        let contract = contract(rng, &id, &fee_model, flight.starts_on, spec.goal == Goal::Awareness && big);
        let brief = brief(rng, spec, &id, &code_text);
        let job = Job { spec, campaign, flight, pick, kind, code: &code_text, signed: contract.signed_at.is_some() };
        let mut deliverables = Vec::with_capacity(count);
        let mut posts = Vec::new();
        let mut links = Vec::with_capacity(count);
        for k in 0..count {
            let (deliverable, post) = deliverable(rng, &job, &contract.id, contract.revision_rounds, k, count);
            links.push(link(rng, &job, &deliverable.id, brand));
            if let Some(post) = post {
                posts.push(LivePost { deliverable_id: deliverable.id.clone(), post });
            }
            deliverables.push(deliverable);
        }
        let collaboration = Collaboration {
            id,
            campaign_id: campaign.id.clone(),
            creator_id: pick.summary.creator.id.clone(),
            kind,
            fee: fee_model,
        };
        out.push(DemoCollaboration {
            collaboration,
            flight_id: flight.id.clone(),
            account_id: account.id.clone(),
            brief,
            contract,
            deliverables,
            posts,
            links,
            code,
        });
    }
    out
}

/// What one collaboration's deliverables share.
struct Job<'a> {
    spec: &'a CampaignSpec,
    campaign: &'a Campaign,
    flight: &'a Flight,
    pick: &'a Pick<'a>,
    kind: CollaborationKind,
    code: &'a str,
    signed: bool,
}

fn deliverable_format<R: Rng + ?Sized>(rng: &mut R, platform: Platform) -> PostFormat {
    match platform {
        Platform::Instagram => [PostFormat::Reel, PostFormat::Carousel, PostFormat::Story][weighted(rng, &[5, 3, 2])],
        other => formats(other)[0].0,
    }
}

/// Where a deliverable due on `due` stands on the last demo day.
fn state<R: Rng + ?Sized>(rng: &mut R, due: NaiveDate, signed: bool) -> DeliverableState {
    use DeliverableState::*;
    let days_left = (LAST_DAY - due).num_days();
    if !signed {
        return Concept;
    }
    let (states, weights): (&[DeliverableState], &[u32]) = match days_left {
        d if d > 10 => (&[Verified, Live], &[7, 3]),
        d if d > 3 => (&[Live, Scheduled, Approved, Review, ChangesRequested], &[5, 1, 1, 2, 1]),
        _ => (&[Concept, Review, ChangesRequested, Approved, Scheduled], &[5, 6, 4, 3, 2]),
    };
    states[weighted(rng, weights)]
}

fn disclosure<R: Rng + ?Sized>(rng: &mut R, country: Country) -> Disclosure {
    if rng.gen_bool(0.85) {
        return Disclosure::Proper;
    }
    let kinds =
        [Disclosure::Missing, Disclosure::Vague, Disclosure::Buried, Disclosure::AfterFold, Disclosure::WrongLanguage];
    kinds[weighted(rng, &[3, 3, 2, 2, if country == Country::BE { 2 } else { 0 }])]
}

fn deliverable<R: Rng + ?Sized>(
    rng: &mut R,
    job: &Job,
    contract_id: &crate::domain::ContractId,
    rounds: u32,
    k: usize,
    count: usize,
) -> (Deliverable, Option<DemoPost>) {
    let account = job.pick.account;
    let span = (job.flight.ends_on - job.flight.starts_on).num_days();
    let offset = span * (k as i64 + 1) / (count as i64 + 1) + rng.gen_range(-2..=2);
    let due = (job.flight.starts_on + Duration::days(offset.clamp(0, span))).min(LAST_DAY);
    let state = state(rng, due, job.signed);
    let format = deliverable_format(rng, account.platform);
    let country = account.country.unwrap_or(Country::NL);
    let language = account.language.unwrap_or(Language::NL);
    let relationship =
        if job.kind == CollaborationKind::Affiliate { Relationship::Affiliate } else { Relationship::Paid };
    let sponsorship = Sponsorship {
        partner: BRAND_HANDLE.to_owned(),
        relationship,
        disclosure: disclosure(rng, country),
        country,
        language,
    };
    let product = job.spec.product[match language.as_str() {
        "nl" => 0,
        "fr" => 1,
        _ => 2,
    }];
    let origin = if country == Country::BE {
        if language == Language::FR {
            Origin::Walloon
        } else {
            Origin::Flemish
        }
    } else if language == Language::EN {
        Origin::English
    } else {
        Origin::Dutch
    };
    let spec = CaptionSpec {
        lex: lexicon(language),
        platform: account.platform,
        niche: job.pick.niche,
        places: origin.places(),
        number: (k + 1) as u32,
        market: (country, language),
        sponsor: Some(SponsorText {
            brand: BRAND_HANDLE,
            relationship,
            disclosure: sponsorship.disclosure,
            code: job.code,
        }),
        topic: Some(product),
    };
    let (text, hashtags) = caption(rng, &spec);
    let live = matches!(state, DeliverableState::Live | DeliverableState::Verified);
    let revisions_used = match state {
        DeliverableState::Concept => 0,
        DeliverableState::ChangesRequested => rng.gen_range(1..=rounds.max(1)),
        _ => rng.gen_range(0..=rounds),
    };
    let id = DeliverableId::generate(rng);
    let post = live.then(|| live_post(rng, job, format, due, text.clone(), hashtags, sponsorship));
    let live_url = post.as_ref().map(|p| post_url(account.platform, account.handle.as_str(), &p.post));
    let deliverable = Deliverable {
        id,
        contract_id: contract_id.clone(),
        account_id: account.id.clone(),
        format,
        due_on: due,
        state,
        caption: text,
        revisions_used,
        live_url,
    };
    (deliverable, post)
}

fn live_post<R: Rng + ?Sized>(
    rng: &mut R,
    job: &Job,
    format: PostFormat,
    due: NaiveDate,
    caption: String,
    hashtags: Vec<String>,
    sponsorship: Sponsorship,
) -> DemoPost {
    let account = job.pick.account;
    let day = (due - FIRST_DAY).num_days().max(0) - rng.gen_range(0..=1);
    let date = (FIRST_DAY + Duration::days(day.max(0))).min(LAST_DAY);
    let secs = rng.gen_range(7 * 3600..20 * 3600);
    let at = date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or_default()).and_utc();
    let followers = account.followers as f64;
    let reach = Reach { shown: followers, real: followers, lift: 1.0, reach_mult: lognormal(rng, 0.25), er_mult: 1.0 };
    let post = Post {
        id: PostId::generate(rng),
        account_id: account.id.clone(),
        external_id: external_id(rng, account.platform),
        caption,
        hashtags,
        format,
        published_at: at,
        paid_partnership_label: paid_label(rng, account.platform, Some(&sponsorship)),
        metrics: numbers(rng, account.platform, &reach, format.is_video()),
    };
    DemoPost { post, comments: Vec::new(), sponsorship: Some(sponsorship) }
}

fn post_url(platform: Platform, handle: &str, post: &Post) -> String {
    let ext = post.external_id.clone().unwrap_or_else(|| post.id.to_string());
    match platform {
        Platform::Instagram => format!("https://www.instagram.com/p/{}/", &ext[ext.len().saturating_sub(11)..]),
        Platform::Tiktok => format!("https://www.tiktok.com/@{handle}/video/{ext}"),
        Platform::Youtube => format!("https://www.youtube.com/watch?v={ext}"),
        Platform::Twitch => format!("https://www.twitch.tv/videos/{}", &ext[ext.len().saturating_sub(10)..]),
        Platform::Podcast => format!("https://podcasts.apple.com/nl/podcast/{handle}?i={ext}"),
        Platform::Blog => format!("https://{handle}.nl/duinhart"),
        Platform::Linkedin => format!("https://www.linkedin.com/posts/{handle}_{ext}"),
        Platform::Newsletter => format!("https://{handle}.substack.com/p/duinhart"),
    }
}

fn link<R: Rng + ?Sized>(rng: &mut R, job: &Job, deliverable: &DeliverableId, brand: &DemoBrand) -> TrackingLink {
    let account = job.pick.account;
    let medium = if job.kind == CollaborationKind::Affiliate { UtmMedium::Affiliate } else { UtmMedium::Social };
    let utm = Utm::for_platform(account.platform, medium, job.spec.slug)
        .id(job.campaign.id.as_str())
        .content(account.handle.as_str());
    let base = landing(job.spec);
    let destination = build_destination(&base, &brand.workspace.brand.allowed_domains, &utm).unwrap_or(base);
    let created = job.flight.starts_on - Duration::days(rng.gen_range(3..10));
    let time = NaiveTime::from_hms_opt(rng.gen_range(8..18), rng.gen_range(0..60), rng.gen_range(0..60));
    TrackingLink {
        id: LinkId::generate(rng),
        code: generate_short_code(rng),
        campaign_id: job.campaign.id.clone(),
        creator_id: job.pick.summary.creator.id.clone(),
        deliverable_id: Some(deliverable.clone()),
        destination,
        created_at: created.and_time(time.unwrap_or_default()).and_utc(),
    }
}
