//! Accounts and tokens through the real binary: `demo` makes and prints its login,
//! `token create` prints only the token and stores only its hash, `user create`
//! checks its input and generates or reads the password.

#![allow(clippy::expect_used)] // helpers of tests: a panic is the failure report

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn flightdeck_with_stdin(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the flightdeck binary runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("the flightdeck binary ends")
}

fn flightdeck(dir: &Path, args: &[&str]) -> Output {
    flightdeck_with_stdin(dir, args, "")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = flightdeck(dir, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn user_error(dir: &Path, args: &[&str], stdin: &str, says: &str) {
    let out = flightdeck_with_stdin(dir, args, stdin);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?} printed on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(says), "{args:?}: {stderr}");
}

/// Every byte of every file in `dir` (the database and its journal).
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = vec![];
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        if entry.path().is_file() {
            bytes.extend(std::fs::read(entry.path()).expect("read file"));
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn demo_prints_its_login_and_tokens_are_printed_once_and_stored_hashed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ok(dir.path(), &["demo", "--creators", "12"]);
    assert!(out.contains("demo@example.com") && out.contains("password demo"), "{out}");
    let users: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["user", "list", "--format", "json"])).expect("JSON");
    assert_eq!(users[0]["email"], "demo@example.com");
    assert_eq!(users[0]["role"], "admin");
    // Building the demo again replaces its workspace and its login.
    assert!(ok(dir.path(), &["demo", "--creators", "12"]).contains("demo@example.com"));

    let token = ok(dir.path(), &["token", "create", "--role", "viewer", "--label", "ci"]);
    assert_eq!(token.lines().count(), 1, "only the token on stdout: {token}");
    let token = token.trim();
    assert!(token.starts_with("fdk_") && token.len() == 47, "{token}");
    let listed = ok(dir.path(), &["token", "list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(listed[0]["role"], "viewer");
    assert_eq!(listed[0]["label"], "ci");
    assert!(!contains(&all_bytes(dir.path()), token), "the token itself is never stored");

    let id = listed[0]["id"].as_str().expect("token id").to_owned();
    ok(dir.path(), &["token", "revoke", &id]);
    let listed: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["token", "list", "--format", "json"])).expect("JSON");
    assert_eq!(listed.as_array().map(Vec::len), Some(0));
    user_error(dir.path(), &["token", "revoke", &id], "", "no token");
}

#[test]
fn creator_tokens_and_users_need_a_creator_of_the_workspace() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["demo", "--creators", "5"]);
    let creators: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["creators", "list", "--format", "json"])).expect("JSON");
    let creator = creators[0]["id"].as_str().expect("creator id").to_owned();

    user_error(dir.path(), &["token", "create", "--role", "creator"], "", "needs a creator id");
    user_error(dir.path(), &["token", "create", "--role", "creator", "--creator", "cr_nope"], "", "no creator");
    user_error(dir.path(), &["token", "create", "--role", "viewer", "--creator", &creator], "", "only a creator");
    user_error(dir.path(), &["token", "create", "--role", "root"], "", "--role");
    let token = ok(dir.path(), &["token", "create", "--role", "creator", "--creator", &creator]);
    assert!(token.trim().starts_with("fdk_"));

    user_error(dir.path(), &["user", "create", "--email", "nope", "--role", "viewer"], "", "email");
    user_error(
        dir.path(),
        &["user", "create", "--email", "v@example.com", "--role", "viewer", "--password-stdin"],
        "short\n",
        "at least 8",
    );
    let generated = ok(dir.path(), &["user", "create", "--email", "Ana@Example.com", "--role", "marketer"]);
    assert_eq!(generated.trim().chars().count(), 24, "a generated password: {generated}");
    user_error(dir.path(), &["user", "create", "--email", "ana@example.com", "--role", "viewer"], "", "exists");
    let out = flightdeck_with_stdin(
        dir.path(),
        &["user", "create", "--email", "c@example.com", "--role", "creator", "--creator", &creator, "--password-stdin"],
        "a long password\n",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).trim().starts_with("us_"));
    let users: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["user", "list", "--format", "json"])).expect("JSON");
    let emails: Vec<&str> = users.as_array().expect("array").iter().filter_map(|u| u["email"].as_str()).collect();
    assert_eq!(emails, ["ana@example.com", "c@example.com", "demo@example.com"]);
    assert!(!contains(&all_bytes(dir.path()), "a long password"), "passwords are stored hashed");
}
