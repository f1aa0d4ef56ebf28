//! Progress and cancellation of long analysis work (metrics, boards, rankings on big maps), so the
//! desktop app can show how far a computation has got and stop it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::AnalysisError;

/// Shared between the caller (who may cancel and read the counters) and the analysis (which
/// counts its work and stops with [`AnalysisError::Cancelled`] once cancelled).
#[derive(Default)]
pub struct Progress {
    cancelled: AtomicBool,
    done: AtomicU64,
    total: AtomicU64,
    #[allow(clippy::type_complexity)]
    callback: Option<Box<dyn Fn(u64, u64) + Send + Sync>>,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("cancelled", &self.is_cancelled())
            .field("done", &self.done())
            .field("total", &self.total())
            .finish()
    }
}

impl Progress {
    /// A progress nobody watches: never cancelled.
    pub fn new() -> Progress {
        Progress::default()
    }

    /// A progress that calls `callback(done, total)` whenever work is counted (from any thread).
    pub fn with_callback(callback: impl Fn(u64, u64) + Send + Sync + 'static) -> Progress {
        Progress {
            callback: Some(Box::new(callback)),
            ..Progress::default()
        }
    }

    /// Asks the running work to stop; it returns [`AnalysisError::Cancelled`] soon after.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Starts a new stage of `total` units of work.
    pub fn start(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        self.notify();
    }

    /// Counts `n` units done; fails once the work has been cancelled.
    pub fn advance(&self, n: u64) -> Result<(), AnalysisError> {
        self.done.fetch_add(n, Ordering::Relaxed);
        self.notify();
        self.check()
    }

    /// Fails once the work has been cancelled.
    pub fn check(&self) -> Result<(), AnalysisError> {
        if self.is_cancelled() {
            Err(AnalysisError::Cancelled)
        } else {
            Ok(())
        }
    }

    fn notify(&self) {
        if let Some(cb) = &self.callback {
            cb(self.done(), self.total());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn counts_work_and_stops_once_cancelled() {
        let seen = Arc::new(AtomicU64::new(0));
        let s = seen.clone();
        let p = Progress::with_callback(move |done, _| s.store(done, Ordering::Relaxed));
        p.start(10);
        assert!(p.advance(3).is_ok());
        assert_eq!(seen.load(Ordering::Relaxed), 3);
        p.cancel();
        assert!(matches!(p.advance(1), Err(AnalysisError::Cancelled)));
        assert_eq!(p.done(), 4);
        assert_eq!(p.total(), 10);
    }
}
