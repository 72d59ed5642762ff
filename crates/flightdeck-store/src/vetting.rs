//! Stored vetting: the data a creator is vetted on, read back page by page, and the
//! scores of the last scoring run with the peer index it used.
//!
//! Scores are recomputed for a whole workspace (see [`crate::scoring`]) whenever its
//! creators or metrics change, and kept per creator × persona (the brand alone as the
//! persona `""`), so that `creators list --sort score` is one indexed query. The run
//! keeps its peer index as a snapshot: explaining one creator later uses exactly the
//! peers (and so gives exactly the score) the list shows.
//!
//! A backend implements the raw methods; the typed ones are provided here, so both
//! backends encode and decode in exactly the same way.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use flightdeck_core::domain::{AudienceBreakdown, Comment, CreatorId, DailyMetrics, Post, WorkspaceId};
use flightdeck_core::vetting::{AccountInput, Confidence, DisclosureStats, PeerSnapshot, Weights};
use serde::{Deserialize, Serialize};

use crate::{codec, StoreError, StoreResult};

/// What to read of each creator: accounts always, the rest on demand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VettingLoad {
    /// Daily metric snapshots.
    pub metrics: bool,
    /// Audience breakdowns.
    pub audiences: bool,
    /// Posts.
    pub posts: bool,
    /// Comments under the posts.
    pub comments: bool,
}

impl VettingLoad {
    /// Everything.
    pub const ALL: VettingLoad = VettingLoad { metrics: true, audiences: true, posts: true, comments: true };
}

/// One creator's stored data, as the vetting engine takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatorData {
    /// The creator.
    pub creator: CreatorId,
    /// The accounts (by platform, then handle) with what was loaded.
    pub accounts: Vec<AccountInput>,
    /// The disclosure record: posts loaded with a stored compliance verdict, and
    /// those whose verdict is `violation`.
    pub disclosure: DisclosureStats,
}

/// The compact facts of a stored score (the `report` column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFacts {
    /// Whether a score could be given.
    pub scorable: bool,
    /// How far it can be trusted.
    pub confidence: Confidence,
    /// Whether authenticity found bought followers, fake engagement or bot comments.
    pub suspicious: bool,
    /// Why there is no score.
    pub not_scorable_reason: Option<String>,
}

/// The stored score of one creator for one persona (`None`: the brand alone).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredScore {
    /// The creator.
    pub creator: CreatorId,
    /// The persona's name.
    pub persona: Option<String>,
    /// 0–100, `None` when not scorable.
    pub score: Option<f64>,
    /// The facts behind it.
    pub facts: ScoreFacts,
}

/// What a scoring run used: the day it judged "recent" from, the weights and the
/// peer index, and what it scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoringRun {
    /// The day the run is for (the newest metric day, or the day it ran).
    pub as_of: NaiveDate,
    /// The weights of the composite.
    pub weights: Weights,
    /// The personas scored, by name.
    pub personas: Vec<String>,
    /// How many creators were scored.
    pub creators: u64,
    /// The peer index every score of the run was computed against.
    pub peers: PeerSnapshot,
}

/// A score as stored: one row of `scores`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// The creator's id.
    pub creator: String,
    /// The persona's name, `""` for the brand alone.
    pub persona: String,
    /// The score.
    pub score: Option<f64>,
    /// The authenticity verdict (also in `facts`, kept apart for lists).
    pub suspicious: bool,
    /// [`ScoreFacts`] as JSON.
    pub facts: String,
}

/// A stored comment with the account of its post.
#[derive(Debug, Clone)]
pub struct CommentColumns {
    /// The account of the post.
    pub account_id: String,
    /// `id`.
    pub id: String,
    /// `post_id`.
    pub post_id: String,
    /// `author_hash`.
    pub author_hash: String,
    /// `body`.
    pub body: String,
    /// `created_at` (RFC 3339).
    pub created_at: String,
}

/// The rows a backend read for a range of creators, before assembly.
#[derive(Debug, Default)]
pub struct VettingRows {
    /// Accounts, ordered by creator, platform, handle.
    pub accounts: Vec<codec::AccountColumns>,
    /// (account id, snapshot).
    pub metrics: Vec<(String, DailyMetrics)>,
    /// (account id, breakdown JSON).
    pub audiences: Vec<(String, String)>,
    /// Post JSON documents with their stored compliance verdict, if checked.
    pub posts: Vec<(String, Option<String>)>,
    /// Comments.
    pub comments: Vec<CommentColumns>,
}

/// Stored vetting; a supertrait of [`crate::Store`].
#[async_trait]
pub trait VettingStore: Send + Sync {
    /// Up to `limit` creator ids of the workspace after `after`, in id (byte) order.
    async fn creator_id_page(
        &self,
        workspace: &WorkspaceId,
        after: Option<&CreatorId>,
        limit: u32,
    ) -> StoreResult<Vec<CreatorId>>;

    /// The raw rows of the creators with ids from `first` to `last` (inclusive).
    async fn vetting_rows(
        &self,
        workspace: &WorkspaceId,
        first: &CreatorId,
        last: &CreatorId,
        load: VettingLoad,
    ) -> StoreResult<VettingRows>;

    /// Replaces every score of the workspace and its run, at once: one [`ScoreRow`]
    /// per creator × persona, and the run's day and JSON.
    async fn replace_score_rows(
        &self,
        workspace: &WorkspaceId,
        as_of: NaiveDate,
        run: &str,
        rows: &[ScoreRow],
    ) -> StoreResult<()>;

    /// The JSON of the workspace's last scoring run.
    async fn scoring_run_json(&self, workspace: &WorkspaceId) -> StoreResult<Option<String>>;

    /// One stored score row: (score, facts JSON).
    async fn score_row(
        &self,
        workspace: &WorkspaceId,
        creator: &CreatorId,
        persona: &str,
    ) -> StoreResult<Option<(Option<f64>, String)>>;

    /// The workspace's vetting weights as JSON, when set.
    async fn weights_json(&self, workspace: &WorkspaceId) -> StoreResult<Option<String>>;

    /// Sets (or with `None` clears) the workspace's vetting weights JSON.
    async fn set_weights_json(&self, workspace: &WorkspaceId, weights: Option<&str>) -> StoreResult<()>;

    /// The stored data of the creators with ids from `first` to `last`, by id.
    async fn vetting_data(
        &self,
        workspace: &WorkspaceId,
        first: &CreatorId,
        last: &CreatorId,
        load: VettingLoad,
    ) -> StoreResult<Vec<CreatorData>> {
        assemble(self.vetting_rows(workspace, first, last, load).await?)
    }

    /// Replaces every score of the workspace, and the run they came from, at once.
    async fn replace_scores(
        &self,
        workspace: &WorkspaceId,
        run: &ScoringRun,
        scores: &[StoredScore],
    ) -> StoreResult<()> {
        let rows = scores
            .iter()
            .map(|s| {
                Ok(ScoreRow {
                    creator: s.creator.as_str().to_owned(),
                    persona: s.persona.clone().unwrap_or_default(),
                    score: s.score,
                    suspicious: s.facts.suspicious,
                    facts: codec::to_json(&s.facts)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        self.replace_score_rows(workspace, run.as_of, &codec::to_json(run)?, &rows).await
    }

    /// The workspace's last scoring run, if it was ever scored.
    async fn scoring_run(&self, workspace: &WorkspaceId) -> StoreResult<Option<ScoringRun>> {
        let raw = self.scoring_run_json(workspace).await?;
        raw.map(|r| codec::from_json("scoring run", &r)).transpose()
    }

    /// The stored score of a creator for a persona (by exact name; `None`: the brand
    /// alone); `None` when not scored (also for another workspace's creator).
    async fn stored_score(
        &self,
        workspace: &WorkspaceId,
        creator: &CreatorId,
        persona: Option<&str>,
    ) -> StoreResult<Option<StoredScore>> {
        let Some((score, facts)) = self.score_row(workspace, creator, persona.unwrap_or("")).await? else {
            return Ok(None);
        };
        Ok(Some(StoredScore {
            creator: creator.clone(),
            persona: persona.map(str::to_owned),
            score,
            facts: codec::from_json("score facts", &facts)?,
        }))
    }

    /// The workspace's vetting weights (the defaults when none were set).
    async fn vetting_weights(&self, workspace: &WorkspaceId) -> StoreResult<Weights> {
        match self.weights_json(workspace).await? {
            Some(raw) => codec::from_json("vetting weights", &raw),
            None => Ok(Weights::default()),
        }
    }

    /// Sets the workspace's vetting weights (`None`: back to the defaults).
    async fn set_vetting_weights(&self, workspace: &WorkspaceId, weights: Option<&Weights>) -> StoreResult<()> {
        let raw = weights.map(codec::to_json).transpose()?;
        self.set_weights_json(workspace, raw.as_deref()).await
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

/// Groups a backend's rows into one [`CreatorData`] per creator, in creator order.
pub fn assemble(rows: VettingRows) -> StoreResult<Vec<CreatorData>> {
    let mut out: Vec<CreatorData> = Vec::new();
    let mut at: HashMap<String, (usize, usize)> = HashMap::with_capacity(rows.accounts.len());
    for cols in &rows.accounts {
        let creator = cols.creator_id()?;
        if out.last().is_none_or(|c| c.creator != creator) {
            out.push(CreatorData { creator, accounts: Vec::new(), disclosure: DisclosureStats::default() });
        }
        let index = out.len() - 1;
        let Some(last) = out.last_mut() else { continue };
        at.insert(cols.id.clone(), (index, last.accounts.len()));
        last.accounts.push(AccountInput {
            account: cols.account()?,
            daily: Vec::new(),
            audience: None,
            posts: Vec::new(),
            comments: Vec::new(),
        });
    }
    fn slot<'a>(
        out: &'a mut [CreatorData],
        at: &HashMap<String, (usize, usize)>,
        account: &str,
    ) -> Option<&'a mut AccountInput> {
        let (c, a) = *at.get(account)?;
        out.get_mut(c)?.accounts.get_mut(a)
    }
    for (account, day) in rows.metrics {
        if let Some(a) = slot(&mut out, &at, &account) {
            a.daily.push(day);
        }
    }
    for (account, data) in rows.audiences {
        let audience: AudienceBreakdown = codec::from_json("audience", &data)?;
        if let Some(a) = slot(&mut out, &at, &account) {
            a.audience = Some(audience);
        }
    }
    for (data, verdict) in rows.posts {
        let post: Post = codec::from_json("post", &data)?;
        let Some(&(c, _)) = at.get(post.account_id.as_str()) else { continue };
        if let (Some(v), Some(creator)) = (verdict, out.get_mut(c)) {
            creator.disclosure.sponsored_posts += 1;
            creator.disclosure.non_compliant += u32::from(v == "violation");
        }
        if let Some(a) = slot(&mut out, &at, post.account_id.as_str()) {
            a.posts.push(post);
        }
    }
    for c in rows.comments {
        let comment = Comment {
            id: c.id.parse().map_err(|e| corrupt("comment id", e))?,
            post_id: c.post_id.parse().map_err(|e| corrupt("post id", e))?,
            author_hash: c.author_hash,
            text: c.body,
            created_at: DateTime::parse_from_rfc3339(&c.created_at)
                .map_err(|e| corrupt("comment time", e))?
                .with_timezone(&Utc),
        };
        if let Some(a) = slot(&mut out, &at, &c.account_id) {
            a.comments.push(comment);
        }
    }
    for a in out.iter_mut().flat_map(|c| c.accounts.iter_mut()) {
        a.daily.sort_by_key(|d| d.date);
        a.posts.sort_by(|x, y| x.published_at.cmp(&y.published_at).then_with(|| x.id.as_str().cmp(y.id.as_str())));
        a.comments.sort_by(|x, y| x.created_at.cmp(&y.created_at).then_with(|| x.id.as_str().cmp(y.id.as_str())));
    }
    Ok(out)
}
