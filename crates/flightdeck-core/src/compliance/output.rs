//! The check's answer, serialised exactly as INTERFACES.md's output schema:
//! `{"verdict": "violation|warning|ok", "findings": [{"rule", "severity", "message", "fix"}]}`.

use serde::{Deserialize, Serialize};

/// How bad a finding is; ordered from harmless to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Nothing to do (only used as a verdict).
    Ok,
    /// Worth knowing, nothing is wrong (verdict stays `ok`).
    Info,
    /// Could not be checked or is doubtful: look at it.
    Warning,
    /// Breaks a rule: fix before posting.
    Violation,
}

impl Severity {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Ok => "ok",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Violation => "violation",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule that fired, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The catalog's stable rule id (`NL-RSM-VAGUE-LABEL`, …).
    pub rule: String,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, in words a marketer understands.
    pub message: String,
    /// The concrete fix.
    pub fix: String,
}

/// The result of checking one post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The worst finding's severity; `ok` when there are only `info` findings or none.
    pub verdict: Severity,
    /// Every finding, most important first.
    pub findings: Vec<Finding>,
}

impl CheckResult {
    /// Builds a result from findings, computing the verdict.
    pub fn from_findings(findings: Vec<Finding>) -> Self {
        let worst = findings.iter().map(|f| f.severity).max().unwrap_or(Severity::Ok);
        let verdict = if worst == Severity::Info { Severity::Ok } else { worst };
        CheckResult { verdict, findings }
    }

    /// The rule ids of the findings, in order.
    pub fn rules(&self) -> impl Iterator<Item = &str> {
        self.findings.iter().map(|f| f.rule.as_str())
    }
}

/// Collects findings while the rules run.
#[derive(Debug, Default)]
pub(crate) struct Findings(pub Vec<Finding>);

impl Findings {
    /// Adds a finding.
    pub fn add(
        &mut self,
        rule: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.0.push(Finding { rule: rule.into(), severity, message: message.into(), fix: fix.into() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_is_worst_and_info_only_is_ok() {
        let f = |s| Finding { rule: "X".into(), severity: s, message: String::new(), fix: String::new() };
        assert_eq!(CheckResult::from_findings(vec![]).verdict, Severity::Ok);
        assert_eq!(CheckResult::from_findings(vec![f(Severity::Info)]).verdict, Severity::Ok);
        assert_eq!(
            CheckResult::from_findings(vec![f(Severity::Warning), f(Severity::Violation)]).verdict,
            Severity::Violation
        );
        let json = serde_json::to_string(&CheckResult::from_findings(vec![f(Severity::Warning)])).unwrap();
        assert_eq!(
            json,
            r#"{"verdict":"warning","findings":[{"rule":"X","severity":"warning","message":"","fix":""}]}"#
        );
    }
}
