//! The compliance check of a demo post: what the post and its sponsorship say, as the
//! engine's input, so that the demo workspace stores findings to act on.

use super::DemoPost;
use crate::compliance::{self, CheckResult, PostInput};
use crate::domain::Account;

impl DemoPost {
    /// The compliance input of a sponsored post on `account`; `None` for an organic post.
    pub fn compliance_input(&self, account: &Account) -> Option<PostInput> {
        let s = self.sponsorship.as_ref()?;
        Some(PostInput {
            platform: Some(account.platform.as_str().to_owned()),
            format: Some(self.post.format.as_str().to_owned()),
            country: Some(s.country.to_string()),
            language: Some(s.language.to_string()),
            caption: Some(self.post.caption.clone()),
            hashtags: Some(self.post.hashtags.clone()),
            paid_partnership_label: self.post.paid_partnership_label,
            relationship: Some(s.relationship.as_str().to_owned()),
            creator_followers: Some(account.followers as f64),
            ..PostInput::default()
        })
    }

    /// The compliance result of a sponsored post on `account` (`None` for an organic post).
    pub fn compliance(&self, account: &Account) -> Option<CheckResult> {
        self.compliance_input(account).map(|input| compliance::check(&input))
    }
}
