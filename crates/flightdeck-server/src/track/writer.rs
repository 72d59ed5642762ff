//! The batched click writer: every redirect hands its click to one collector task and
//! waits; the collector takes whatever clicks have queued up (at most
//! [`WriterSettings::max_batch`]) and stores them in one transaction, and only after
//! the commit does each waiting redirect get its answer and send its `302`.
//!
//! There is no timer: while one batch commits the next one fills, so batches grow
//! with the load (group commit) and a lone click is written at once. With SQLite one
//! batch commits at a time (one writer is all SQLite allows); with PostgreSQL a few
//! batches may commit side by side.

use std::sync::Arc;

use flightdeck_store::{ClickRow, Store};
use tokio::sync::{mpsc, oneshot, Semaphore};

/// How the writer batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterSettings {
    /// Clicks per transaction at most.
    pub max_batch: usize,
    /// Transactions in flight at once.
    pub concurrency: usize,
    /// Clicks that may wait for the collector before redirects wait to enqueue.
    pub queue: usize,
}

impl WriterSettings {
    /// The settings for a backend (`sqlite`, `postgres`).
    pub fn for_backend(backend: &str) -> Self {
        let concurrency = if backend == "sqlite" { 1 } else { 4 };
        Self { max_batch: 1024, concurrency, queue: 65_536 }
    }
}

/// Why a click could not be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The store refused the click (the cause is logged).
    #[error("the click could not be stored")]
    Failed,
    /// The writer has stopped (the server is shutting down).
    #[error("the click writer has stopped")]
    Stopped,
}

struct Pending {
    row: ClickRow,
    done: oneshot::Sender<Result<(), WriteError>>,
}

/// The handle redirects write through (cheap to clone).
#[derive(Debug, Clone)]
pub struct ClickWriter {
    queue: mpsc::Sender<Pending>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending").field("click", &self.row.click.id).finish()
    }
}

impl ClickWriter {
    /// Starts the collector task on the current Tokio runtime.
    pub fn start(store: Arc<dyn Store>, settings: WriterSettings) -> Self {
        let (queue, rx) = mpsc::channel(settings.queue.max(1));
        tokio::spawn(collect(store, rx, settings));
        Self { queue }
    }

    /// Stores one click; returns once the transaction that holds it has committed.
    pub async fn write(&self, row: ClickRow) -> Result<(), WriteError> {
        let (done, committed) = oneshot::channel();
        self.queue.send(Pending { row, done }).await.map_err(|_| WriteError::Stopped)?;
        committed.await.unwrap_or(Err(WriteError::Stopped))
    }
}

/// The collector: one batch per free transaction slot, taken from the queue.
async fn collect(store: Arc<dyn Store>, mut rx: mpsc::Receiver<Pending>, settings: WriterSettings) {
    let slots = Arc::new(Semaphore::new(settings.concurrency.max(1)));
    let max = settings.max_batch.max(1);
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else { return };
        let Some(first) = rx.recv().await else { return };
        let mut batch = Vec::with_capacity(max.min(64));
        batch.push(first);
        while batch.len() < max {
            match rx.try_recv() {
                Ok(p) => batch.push(p),
                Err(_) => break,
            }
        }
        let store = store.clone();
        tokio::spawn(async move {
            commit(store.as_ref(), batch).await;
            drop(slot);
        });
    }
}

/// Stores a batch in one transaction; if that fails, each click on its own, so that
/// one bad click (its link deleted meanwhile) does not fail the others.
async fn commit(store: &dyn Store, batch: Vec<Pending>) {
    let (rows, dones): (Vec<ClickRow>, Vec<_>) = batch.into_iter().map(|p| (p.row, p.done)).unzip();
    match store.insert_clicks(&rows).await {
        Ok(()) => {
            for done in dones {
                let _ = done.send(Ok(()));
            }
        }
        Err(e) if rows.len() == 1 => {
            tracing::error!(error = %e, "cannot store a click");
            for done in dones {
                let _ = done.send(Err(WriteError::Failed));
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, clicks = rows.len(), "a click batch failed; storing its clicks one by one");
            for (row, done) in rows.iter().zip(dones) {
                let result = store.insert_clicks(std::slice::from_ref(row)).await.map_err(|e| {
                    tracing::error!(error = %e, "cannot store a click");
                    WriteError::Failed
                });
                let _ = done.send(result);
            }
        }
    }
}
