//! `flightdeck user create|list` and `flightdeck token create|list|revoke`: dashboard
//! accounts and API tokens of the workspace of `--workspace`.
//!
//! A token is printed once (alone on stdout) and stored only as its SHA-256; a
//! password is read from stdin (`--password-stdin`) or generated and printed once.

use std::io::Read as _;

use flightdeck_server::auth::accounts::{self, UserSpec};
use flightdeck_server::error::AppError;
use serde::Serialize;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, write_stdout, OutputFormat, Table};

/// `user` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum UserOpts {
    /// Create a dashboard account; prints the generated password once (or, with
    /// --password-stdin, the user's id).
    Create(UserCreateOpts),
    /// List the workspace's users.
    List,
}

/// Options of `user create`.
#[derive(Debug, clap::Args)]
pub struct UserCreateOpts {
    /// The login e-mail address.
    #[arg(long)]
    pub email: String,
    /// admin, marketer, viewer or creator.
    #[arg(long)]
    pub role: String,
    /// For --role creator: the creator (id) the user is.
    #[arg(long)]
    pub creator: Option<String>,
    /// Read the password from the first line of stdin (at least 8 characters)
    /// instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

/// `token` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TokenOpts {
    /// Create an API token; prints it once, and nothing else, on stdout.
    Create(TokenCreateOpts),
    /// List the workspace's tokens (never the tokens themselves).
    List,
    /// Revoke a token by its id (`tk_…`).
    Revoke {
        /// The token's id, as `token list` shows it.
        id: String,
    },
}

/// Options of `token create`.
#[derive(Debug, clap::Args)]
pub struct TokenCreateOpts {
    /// admin, marketer, viewer or creator.
    #[arg(long)]
    pub role: String,
    /// For --role creator: the creator (id) the token is bound to.
    #[arg(long)]
    pub creator: Option<String>,
    /// A label to recognise the token by.
    #[arg(long, default_value = "cli")]
    pub label: String,
}

/// A server-side refusal as a user error (exit 1) with its message.
fn refused(e: AppError) -> anyhow::Error {
    match e {
        AppError::Internal(cause) => anyhow::anyhow!(cause),
        other => user(other.to_string()),
    }
}

/// Runs a `user` subcommand.
pub async fn run_user(opts: UserOpts, ctx: &Ctx) -> anyhow::Result<()> {
    match opts {
        UserOpts::Create(o) => create_user(o, ctx).await,
        UserOpts::List => list_users(ctx).await,
    }
}

/// Runs a `token` subcommand.
pub async fn run_token(opts: TokenOpts, ctx: &Ctx) -> anyhow::Result<()> {
    match opts {
        TokenOpts::Create(o) => create_token(o, ctx).await,
        TokenOpts::List => list_tokens(ctx).await,
        TokenOpts::Revoke { id } => revoke_token(&id, ctx).await,
    }
}

#[derive(Serialize)]
struct CreatedUser {
    id: String,
    workspace: String,
    email: String,
    role: String,
    creator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
}

fn read_password() -> anyhow::Result<String> {
    let mut raw = String::new();
    std::io::stdin().read_to_string(&mut raw).map_err(|e| user(format!("--password-stdin: cannot read stdin: {e}")))?;
    let line = raw.lines().next().unwrap_or_default().to_owned();
    accounts::check_password(&line).map_err(|e| user(format!("--password-stdin: {e}")))?;
    Ok(line)
}

async fn create_user(opts: UserCreateOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let role = accounts::parse_role(&opts.role).map_err(|e| user(format!("--{e}")))?;
    let (password, generated) =
        if opts.password_stdin { (read_password()?, false) } else { (accounts::generate_password(), true) };
    let store = ctx.store().await?;
    let ws = ctx.workspace(store.as_ref()).await?;
    let spec = UserSpec { email: &opts.email, password: &password, role, creator: opts.creator.as_deref() };
    let created = accounts::create_user(store.as_ref(), &ws.id, spec).await.map_err(refused)?;
    let out = CreatedUser {
        id: created.id.clone(),
        workspace: ws.name.to_string(),
        email: created.email.clone(),
        role: role.as_str().to_owned(),
        creator: created.creator.as_ref().map(ToString::to_string),
        password: generated.then(|| password.clone()),
    };
    if ctx.format == OutputFormat::Json {
        return print_json(&out);
    }
    if generated {
        eprintln!(
            "created {} user {} in workspace `{}`; the generated password (shown once) is on stdout",
            out.role, out.email, out.workspace
        );
        write_stdout(&format!("{password}\n"))
    } else {
        eprintln!("created {} user {} in workspace `{}`", out.role, out.email, out.workspace);
        write_stdout(&format!("{}\n", out.id))
    }
}

async fn list_users(ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let ws = ctx.workspace(store.as_ref()).await?;
    let users = store.users(&ws.id).await?;
    if ctx.format == OutputFormat::Json {
        return print_json(&users);
    }
    let mut table = Table::new(["id", "email", "role", "creator", "created"]);
    for u in &users {
        table.row([
            u.id.clone(),
            u.email.clone(),
            u.role.to_string(),
            u.creator.as_ref().map(ToString::to_string).unwrap_or_default(),
            u.created_at.to_rfc3339(),
        ]);
    }
    table.print(ctx.format)
}

async fn create_token(opts: TokenCreateOpts, ctx: &Ctx) -> anyhow::Result<()> {
    let role = accounts::parse_role(&opts.role).map_err(|e| user(format!("--{e}")))?;
    let store = ctx.store().await?;
    let ws = ctx.workspace(store.as_ref()).await?;
    let (token, secret) = accounts::create_token(store.as_ref(), &ws.id, role, opts.creator.as_deref(), &opts.label)
        .await
        .map_err(refused)?;
    eprintln!("created {} token {} in workspace `{}`; it is shown once", token.role, token.id, ws.name);
    write_stdout(&format!("{secret}\n"))
}

async fn list_tokens(ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let ws = ctx.workspace(store.as_ref()).await?;
    let tokens = store.tokens(&ws.id).await?;
    if ctx.format == OutputFormat::Json {
        return print_json(&tokens);
    }
    let mut table = Table::new(["id", "role", "creator", "label", "created"]);
    for t in &tokens {
        table.row([
            t.id.clone(),
            t.role.to_string(),
            t.creator.as_ref().map(ToString::to_string).unwrap_or_default(),
            t.label.clone(),
            t.created_at.to_rfc3339(),
        ]);
    }
    table.print(ctx.format)
}

async fn revoke_token(id: &str, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let ws = ctx.workspace(store.as_ref()).await?;
    if !store.revoke_token(&ws.id, id.trim()).await? {
        return Err(user(format!("no token `{id}` in workspace `{}`: see `flightdeck token list`", ws.name)));
    }
    eprintln!("revoked token {id}");
    Ok(())
}
