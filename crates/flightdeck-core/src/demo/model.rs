//! Per-platform rates: how many of an account's followers a post reaches, and how many of
//! those engage. Engagement rates are the prior medians of `refdata/vetting/benchmarks.json`
//! (emerging = a little above nano); reach rates follow the Cirqle figures for Instagram and
//! plausible shapes elsewhere. Every rate is per post, as a fraction.

use crate::domain::{Platform, PostFormat};

/// What an engagement rate is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErBase {
    /// Per follower (Instagram, TikTok).
    Followers,
    /// Per view (YouTube).
    Views,
    /// Per impression (LinkedIn).
    Impressions,
    /// Per reached person (Twitch chat, podcasts, blogs, newsletters).
    Reach,
}

/// The numbers a platform reports, and how posts on it behave.
pub(crate) struct Model {
    /// Reach per post as a share of followers, per tier (emerging … mega).
    pub reach: [f64; 5],
    /// Engagement rate per tier, against `er_base`.
    pub er: [f64; 5],
    /// What `er` is measured against.
    pub er_base: ErBase,
    /// Impressions per reached person (`None`: not reported).
    pub impressions: Option<f64>,
    /// Views per reached person (`None`: not reported).
    pub views: Option<f64>,
    /// How the engagements of `er` split into likes, comments and shares.
    pub split: [f64; 3],
    /// Saves as a share of engagements (`None`: not reported).
    pub saves: Option<f64>,
    /// Shares outside `split` as a share of engagements (`None`: not reported).
    pub extra_shares: Option<f64>,
    /// Whether likes are reported.
    pub likes: bool,
    /// Whether comments are reported.
    pub comments: bool,
    /// Whether shares are reported at all.
    pub shares: bool,
    /// The share of a post's numbers that lands on day 0, 1, 2, … after publishing.
    pub decay: &'static [f64],
    /// Daily numbers from older content, as a share of an average post's numbers.
    pub baseline: f64,
    /// Posts in the 180 days: inclusive range.
    pub posts: (u32, u32),
    /// Followers of a main account on this platform relative to an Instagram one.
    pub scale: f64,
    /// Whether engagement drops at weekends (B2B).
    pub weekday_business: bool,
}

const IG: Model = Model {
    reach: [0.30, 0.22, 0.157, 0.08, 0.032],
    er: [0.035, 0.030, 0.018, 0.011, 0.007],
    er_base: ErBase::Followers,
    impressions: Some(1.35),
    views: Some(1.5),
    split: [0.95, 0.05, 0.0],
    saves: Some(0.05),
    extra_shares: Some(0.04),
    likes: true,
    comments: true,
    shares: true,
    decay: &[0.62, 0.25, 0.08, 0.05],
    baseline: 0.12,
    posts: (12, 30),
    scale: 1.0,
    weekday_business: false,
};

const TIKTOK: Model = Model {
    reach: [0.70, 0.50, 0.30, 0.15, 0.08],
    er: [0.090, 0.078, 0.045, 0.023, 0.016],
    er_base: ErBase::Followers,
    impressions: None,
    views: Some(1.25),
    split: [0.86, 0.04, 0.10],
    saves: Some(0.08),
    extra_shares: None,
    likes: true,
    comments: true,
    shares: true,
    decay: &[0.45, 0.30, 0.15, 0.10],
    baseline: 0.10,
    posts: (15, 30),
    scale: 1.0,
    weekday_business: false,
};

const YOUTUBE: Model = Model {
    reach: [0.35, 0.25, 0.15, 0.09, 0.05],
    er: [0.060, 0.052, 0.033, 0.018, 0.013],
    er_base: ErBase::Views,
    impressions: Some(8.0),
    views: Some(1.3),
    split: [0.93, 0.07, 0.0],
    saves: None,
    extra_shares: Some(0.02),
    likes: true,
    comments: true,
    shares: true,
    decay: &[0.35, 0.20, 0.12, 0.09, 0.08, 0.08, 0.08],
    baseline: 0.35,
    posts: (8, 20),
    scale: 1.0,
    weekday_business: false,
};

const TWITCH: Model = Model {
    reach: [0.08, 0.06, 0.04, 0.03, 0.02],
    er: [0.9, 0.8, 0.7, 0.6, 0.5],
    er_base: ErBase::Reach,
    impressions: None,
    views: Some(1.4),
    split: [0.0, 1.0, 0.0],
    saves: None,
    extra_shares: None,
    likes: false,
    comments: true,
    shares: false,
    decay: &[1.0],
    baseline: 0.0,
    posts: (15, 30),
    scale: 0.5,
    weekday_business: false,
};

const PODCAST: Model = Model {
    reach: [0.60, 0.52, 0.45, 0.36, 0.30],
    er: [0.008, 0.007, 0.006, 0.005, 0.004],
    er_base: ErBase::Reach,
    impressions: None,
    views: Some(1.15),
    split: [0.0, 0.35, 0.65],
    saves: None,
    extra_shares: None,
    likes: false,
    comments: true,
    shares: true,
    decay: &[0.40, 0.20, 0.12, 0.10, 0.10, 0.08],
    baseline: 0.25,
    posts: (10, 26),
    scale: 0.3,
    weekday_business: false,
};

const BLOG: Model = Model {
    reach: [1.2, 1.0, 0.75, 0.5, 0.35],
    er: [0.014, 0.012, 0.010, 0.008, 0.006],
    er_base: ErBase::Reach,
    impressions: None,
    views: Some(1.25),
    split: [0.0, 0.25, 0.75],
    saves: None,
    extra_shares: None,
    likes: false,
    comments: true,
    shares: true,
    decay: &[0.50, 0.20, 0.10, 0.10, 0.10],
    baseline: 0.40,
    posts: (10, 18),
    scale: 0.3,
    weekday_business: false,
};

const LINKEDIN: Model = Model {
    reach: [0.30, 0.23, 0.15, 0.09, 0.05],
    er: [0.060, 0.054, 0.033, 0.017, 0.011],
    er_base: ErBase::Impressions,
    impressions: Some(1.3),
    views: None,
    split: [0.80, 0.12, 0.08],
    saves: None,
    extra_shares: None,
    likes: true,
    comments: true,
    shares: true,
    decay: &[0.55, 0.30, 0.10, 0.05],
    baseline: 0.05,
    posts: (10, 26),
    scale: 0.5,
    weekday_business: true,
};

const NEWSLETTER: Model = Model {
    reach: [0.46, 0.40, 0.35, 0.31, 0.28],
    er: [0.006, 0.005, 0.004, 0.004, 0.003],
    er_base: ErBase::Reach,
    impressions: Some(1.25),
    views: None,
    split: [0.0, 0.0, 1.0],
    saves: None,
    extra_shares: None,
    likes: false,
    comments: false,
    shares: true,
    decay: &[0.70, 0.20, 0.10],
    baseline: 0.02,
    posts: (12, 26),
    scale: 0.2,
    weekday_business: true,
};

/// The model of `platform`.
pub(crate) fn model(platform: Platform) -> &'static Model {
    match platform {
        Platform::Instagram => &IG,
        Platform::Tiktok => &TIKTOK,
        Platform::Youtube => &YOUTUBE,
        Platform::Twitch => &TWITCH,
        Platform::Podcast => &PODCAST,
        Platform::Blog => &BLOG,
        Platform::Linkedin => &LINKEDIN,
        Platform::Newsletter => &NEWSLETTER,
    }
}

/// The engagement multiplier per weekday (Monday first): Sunday evenings are busiest on
/// consumer platforms; B2B platforms sag at the weekend.
pub(crate) fn weekday_factor(business: bool, weekday_from_monday: u32) -> f64 {
    const CONSUMER: [f64; 7] = [0.96, 1.0, 1.02, 1.0, 0.94, 0.97, 1.08];
    const BUSINESS: [f64; 7] = [1.10, 1.15, 1.12, 1.08, 0.90, 0.45, 0.50];
    let table = if business { &BUSINESS } else { &CONSUMER };
    table[(weekday_from_monday % 7) as usize]
}

/// The formats a platform's posts take, with weights.
pub(crate) fn formats(platform: Platform) -> &'static [(PostFormat, u32)] {
    match platform {
        Platform::Instagram => &[(PostFormat::Reel, 45), (PostFormat::Carousel, 30), (PostFormat::Post, 25)],
        Platform::Tiktok => &[(PostFormat::Tiktok, 1)],
        Platform::Youtube => &[(PostFormat::Video, 55), (PostFormat::Short, 45)],
        Platform::Twitch => &[(PostFormat::Live, 1)],
        Platform::Podcast => &[(PostFormat::Podcast, 1)],
        Platform::Blog => &[(PostFormat::Blog, 1)],
        Platform::Linkedin => &[(PostFormat::Linkedin, 1)],
        Platform::Newsletter => &[(PostFormat::Newsletter, 1)],
    }
}
