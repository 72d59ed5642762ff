//! Posts and comments.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AccountId, CommentId, DomainError, PostId};

/// The format of a post or deliverable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostFormat {
    /// A single image or text post.
    Post,
    /// An Instagram carousel.
    Carousel,
    /// An Instagram Reel.
    Reel,
    /// A story (24 hours).
    Story,
    /// A TikTok video.
    Tiktok,
    /// A YouTube Short.
    Short,
    /// A long video.
    Video,
    /// A live stream.
    Live,
    /// A podcast episode.
    Podcast,
    /// A blog post.
    Blog,
    /// A LinkedIn post.
    Linkedin,
    /// A newsletter issue.
    Newsletter,
}

impl PostFormat {
    /// Every format.
    pub const ALL: [PostFormat; 12] = [
        PostFormat::Post,
        PostFormat::Carousel,
        PostFormat::Reel,
        PostFormat::Story,
        PostFormat::Tiktok,
        PostFormat::Short,
        PostFormat::Video,
        PostFormat::Live,
        PostFormat::Podcast,
        PostFormat::Blog,
        PostFormat::Linkedin,
        PostFormat::Newsletter,
    ];

    /// The snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            PostFormat::Post => "post",
            PostFormat::Carousel => "carousel",
            PostFormat::Reel => "reel",
            PostFormat::Story => "story",
            PostFormat::Tiktok => "tiktok",
            PostFormat::Short => "short",
            PostFormat::Video => "video",
            PostFormat::Live => "live",
            PostFormat::Podcast => "podcast",
            PostFormat::Blog => "blog",
            PostFormat::Linkedin => "linkedin",
            PostFormat::Newsletter => "newsletter",
        }
    }

    /// Parses a format name.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let lower = raw.trim().to_ascii_lowercase();
        PostFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == lower)
            .ok_or_else(|| DomainError::new("format", format!("unknown post format `{raw}`")))
    }

    /// Whether the format is video (a spoken or shown label is needed too).
    pub fn is_video(&self) -> bool {
        matches!(
            self,
            PostFormat::Reel
                | PostFormat::Story
                | PostFormat::Tiktok
                | PostFormat::Short
                | PostFormat::Video
                | PostFormat::Live
        )
    }
}

/// Numbers of one post (absent = unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostMetrics {
    /// Unique accounts reached.
    pub reach: Option<u64>,
    /// Impressions.
    pub impressions: Option<u64>,
    /// Video views.
    pub views: Option<u64>,
    /// Likes.
    pub likes: Option<u64>,
    /// Comments.
    pub comments: Option<u64>,
    /// Saves.
    pub saves: Option<u64>,
    /// Shares.
    pub shares: Option<u64>,
}

/// A post published on an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// The post's opaque id.
    pub id: PostId,
    /// The account it was published on.
    pub account_id: AccountId,
    /// The platform's own id of the post, when imported.
    pub external_id: Option<String>,
    /// The caption (or title + description).
    pub caption: String,
    /// Hashtags, without `#`, as the platform lists them.
    pub hashtags: Vec<String>,
    /// The format.
    pub format: PostFormat,
    /// When it went live (UTC).
    pub published_at: DateTime<Utc>,
    /// Whether the platform's paid-partnership label was set (None = unknown).
    pub paid_partnership_label: Option<bool>,
    /// The post's numbers.
    pub metrics: PostMetrics,
}

/// Extracts the `#hashtags` of a caption, without `#`, in order.
pub fn hashtags_in(caption: &str) -> Vec<String> {
    let mut tags = Vec::new();
    for (i, c) in caption.char_indices() {
        let starts_word = i == 0 || caption[..i].chars().last().is_some_and(|p| p.is_whitespace());
        if c == '#' && starts_word {
            let tag: String = caption[i + 1..].chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
            if !tag.is_empty() {
                tags.push(tag);
            }
        }
    }
    tags
}

/// A comment under a post. The author is kept only as a keyed hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// The comment's opaque id.
    pub id: CommentId,
    /// The post it belongs to.
    pub post_id: PostId,
    /// A keyed hash of the commenter's handle: lets repeated commenters be found
    /// without storing who they are.
    pub author_hash: String,
    /// The comment text.
    pub text: String,
    /// When it was written (UTC).
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_are_found_only_at_word_starts() {
        let tags = hashtags_in("#ad Mooi! zie shop.nl/zomer#top en #zomer_2025 #");
        assert_eq!(tags, vec!["ad".to_owned(), "zomer_2025".to_owned()]);
    }
}
