//! Creating users and API tokens: the one place that checks a role against its
//! creator, hashes the password and keeps only the SHA-256 of a token. The CLI
//! (`flightdeck user create`, `token create`), the dashboard and the API use it.

use chrono::Utc;
use flightdeck_core::domain::{CreatorId, WorkspaceId};
use flightdeck_store::{ApiToken, NewApiToken, NewUser, Role, Store, User};

use super::secret;
use crate::error::{AppError, AppResult};

/// The fewest characters a password chosen by a person may have.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The most characters a token label keeps.
pub const MAX_LABEL_CHARS: usize = 100;

/// Parses a role name, or says which names there are.
pub fn parse_role(raw: &str) -> AppResult<Role> {
    Role::parse(raw).ok_or_else(|| {
        AppError::InvalidRequest(format!("role: expected admin, marketer, viewer or creator, got `{raw}`"))
    })
}

/// The creator a new user or token of `role` is bound to: a `creator` needs the id
/// of a creator of `workspace`; every other role takes none.
pub async fn creator_for_role(
    store: &dyn Store,
    workspace: &WorkspaceId,
    role: Role,
    creator: Option<&str>,
) -> AppResult<Option<CreatorId>> {
    let creator = creator.map(str::trim).filter(|c| !c.is_empty());
    match (role, creator) {
        (Role::Creator, None) => Err(AppError::InvalidRequest("a creator user or token needs a creator id".to_owned())),
        (Role::Creator, Some(raw)) => {
            let missing = || AppError::InvalidRequest(format!("creator: no creator `{raw}` in this workspace"));
            let id = CreatorId::parse(raw).map_err(|_| missing())?;
            store.creator(workspace, &id).await?.ok_or_else(missing)?;
            Ok(Some(id))
        }
        (_, None) => Ok(None),
        (_, Some(_)) => Err(AppError::InvalidRequest("only a creator user or token takes a creator id".to_owned())),
    }
}

/// The lower-case form of an e-mail address, if it looks like one.
pub fn normalize_email(raw: &str) -> AppResult<String> {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
    if valid {
        Ok(email)
    } else {
        Err(AppError::InvalidRequest(format!("email: expected an e-mail address such as ana@example.com, got `{raw}`")))
    }
}

/// `InvalidRequest` unless a password chosen by a person is long enough.
pub fn check_password(password: &str) -> AppResult<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::InvalidRequest(format!("password: at least {MIN_PASSWORD_CHARS} characters are needed")));
    }
    Ok(())
}

/// A random password for a user created without one (24 URL-safe characters, 144 bits).
pub fn generate_password() -> String {
    secret::random_secret().chars().take(24).collect()
}

/// What a new user is.
#[derive(Debug, Clone)]
pub struct UserSpec<'a> {
    /// The login e-mail address (normalised to lower case).
    pub email: &'a str,
    /// The password (not checked for length here: see [`check_password`]).
    pub password: &'a str,
    /// The role.
    pub role: Role,
    /// The creator id, for the `creator` role.
    pub creator: Option<&'a str>,
}

/// Creates a user in `workspace`: the e-mail checked and unused, the role's creator
/// checked, the password hashed with argon2id (on a blocking thread).
pub async fn create_user(store: &dyn Store, workspace: &WorkspaceId, spec: UserSpec<'_>) -> AppResult<User> {
    let email = normalize_email(spec.email)?;
    let creator = creator_for_role(store, workspace, spec.role, spec.creator).await?;
    if store.credentials(&email).await?.is_some() {
        return Err(AppError::InvalidRequest(format!("email: a user `{email}` exists already")));
    }
    let password = spec.password.to_owned();
    let hash = tokio::task::spawn_blocking(move || secret::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Internal)?;
    let user = User {
        id: secret::new_id("us"),
        workspace: workspace.clone(),
        email,
        role: spec.role,
        creator,
        created_at: Utc::now(),
    };
    store.create_user(&NewUser { user: user.clone(), password_hash: hash }).await?;
    Ok(user)
}

/// Creates an API token in `workspace`; returns its stored facts and the token
/// itself, which is shown once and never stored (only its SHA-256 is).
pub async fn create_token(
    store: &dyn Store,
    workspace: &WorkspaceId,
    role: Role,
    creator: Option<&str>,
    label: &str,
) -> AppResult<(ApiToken, String)> {
    let creator = creator_for_role(store, workspace, role, creator).await?;
    let secret_token = secret::new_api_token();
    let token = ApiToken {
        id: secret::new_id("tk"),
        workspace: workspace.clone(),
        role,
        creator,
        label: label.trim().chars().filter(|c| !c.is_control()).take(MAX_LABEL_CHARS).collect(),
        created_at: Utc::now(),
    };
    store.create_token(&NewApiToken { token: token.clone(), token_hash: secret::sha256_hex(&secret_token) }).await?;
    Ok((token, secret_token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_passwords_are_checked() {
        assert_eq!(normalize_email(" Ana@Example.COM ").ok().as_deref(), Some("ana@example.com"));
        for bad in ["", "ana", "@x.nl", "ana@x", "a na@x.nl"] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
        assert!(check_password("1234567").is_err());
        assert!(check_password("12345678").is_ok());
        let p = generate_password();
        assert_eq!(p.chars().count(), 24);
        assert_ne!(p, generate_password());
        assert!(parse_role("Viewer").is_ok() && parse_role("root").is_err());
    }
}
