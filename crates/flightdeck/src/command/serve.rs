//! `flightdeck serve`: the HTTP server, with graceful shutdown on Ctrl-C / SIGTERM.

use std::net::SocketAddr;

use anyhow::Context as _;
use flightdeck_server::AppState;

use super::Ctx;
use crate::error::user;

/// Options of `serve`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// The address to listen on.
    #[arg(long, env = "FLIGHTDECK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Retention: once an hour, remove the clicks, events and orders older than DAYS
    /// days in every workspace (at least 7, shops retry webhooks for 48 hours); off
    /// when not given. `flightdeck erase --older-than DAYS` does the same once.
    #[arg(long, env = "FLIGHTDECK_RETAIN_DAYS", value_name = "DAYS")]
    pub retain_days: Option<u32>,
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    if let Some(days) = opts.retain_days {
        super::erase::retention_cutoff(days)?;
        tokio::spawn(super::erase::retention_loop(store.clone(), days));
    }
    serve_store(store, &opts.addr).await
}

/// Serves `store` on `addr` until a shutdown signal.
pub async fn serve_store(store: std::sync::Arc<dyn flightdeck_store::Store>, addr: &str) -> anyhow::Result<()> {
    let addr: SocketAddr =
        addr.parse().map_err(|_| user(format!("--addr: expected HOST:PORT such as 127.0.0.1:8080, got `{addr}`")))?;
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|e| user(format!("cannot listen on {addr}: {e}")))?;
    let local = listener.local_addr().context("reading the bound address")?;
    tracing::info!(%local, backend = store.backend(), "serving");
    eprintln!("Flightdeck is listening on http://{local}/ (Ctrl-C to stop)");
    flightdeck_server::serve(listener, AppState::new(store), shutdown_signal()).await.context("serving HTTP")?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing requests in flight");
}
