//! CPU work off the async runtime, bounded: at most `concurrency` extractions run at once (each on a blocking
//! thread), at most `queue` more wait for a turn, and every request has a deadline, which also stops its
//! extraction (`Extractor::extract_until`), so a turn is free again soon after it. Beyond the queue a request is
//! refused at once (503 with Retry-After) rather than left to time out. Large jobs (documents or batch chunks past
//! `LARGE`) may hold all turns but one, so a flood of them never keeps small documents from a turn.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, timeout_at};

use crate::error::{ApiError, Code};

/// A job of more bytes than this (64 KiB) is large: it never takes the last free turn, so a flood of large
/// documents always leaves one turn to the small ones.
///
/// Why 64 KiB: it is well above any news article (the longest of the 424,455 articles of the BBC, Reuters-21578
/// and RSS corpora is 25.7 kB, their 99.9th percentile under 19 kB), so no ordinary request is ever held back
/// by the rule; and it is small enough that a job under it holds its turn briefly (64 KiB is about 0.1 s of one
/// core in a release build at 0.6–0.7 MB per CPU-second, docs/BENCH.md), so a small request waiting for the
/// last turn waits about that long at most, against a `--timeout` of seconds. A batch chunk is measured by its
/// bytes in all, like a document.
pub const LARGE: usize = 64 << 10;

/// The gate in front of the CPU.
#[derive(Debug)]
pub struct Workers {
    permits: Arc<Semaphore>,
    /// The turns large jobs may hold: all but one when there are two or more.
    large: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
}

/// Counts a request as waiting while it lives.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A turn on the CPU, held until the job ends: a worker's permit, and a large job's permit among the large ones.
struct Turn {
    _worker: OwnedSemaphorePermit,
    _large: Option<OwnedSemaphorePermit>,
}

impl Workers {
    /// A gate letting `concurrency` jobs run and `queue` wait.
    pub fn new(concurrency: usize, queue: usize) -> Self {
        let concurrency = concurrency.max(1);
        Workers {
            permits: Arc::new(Semaphore::new(concurrency)),
            large: Arc::new(Semaphore::new((concurrency - 1).max(1))),
            waiting: AtomicUsize::new(0),
            queue,
        }
    }

    /// A turn for a job of `bytes`: at once when one is free, else after waiting in the queue until `deadline`
    /// (counted in `waiting` from the first wait of the request on). Refused when the queue is full and
    /// `may_refuse` (nothing of the request runs yet).
    async fn turn<'a>(
        &'a self,
        deadline: Instant,
        bytes: usize,
        waiting: &mut Option<Waiting<'a>>,
        may_refuse: bool,
    ) -> Result<Turn, ApiError> {
        let large = bytes > LARGE;
        let lane = || if large { self.large.clone().try_acquire_owned().ok().map(Some) } else { Some(None) };
        if let Some(lane) = lane()
            && let Ok(worker) = self.permits.clone().try_acquire_owned()
        {
            return Ok(Turn { _worker: worker, _large: lane });
        }
        if waiting.is_none() {
            if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.queue && may_refuse {
                self.waiting.fetch_sub(1, Ordering::AcqRel);
                return Err(ApiError::new(Code::Overloaded, "the server is busy; retry later"));
            }
            *waiting = Some(Waiting(&self.waiting));
        }
        let acquire = async {
            let lane = if large { Some(self.large.clone().acquire_owned().await?) } else { None };
            let worker = self.permits.clone().acquire_owned().await?;
            Ok::<_, tokio::sync::AcquireError>(Turn { _worker: worker, _large: lane })
        };
        match timeout_at(deadline, acquire).await {
            Ok(Ok(turn)) => Ok(turn),
            Ok(Err(_closed)) => Err(ApiError::new(Code::Internal, "the worker pool is closed")),
            Err(_elapsed) => Err(timed_out()),
        }
    }

    /// Runs `job` (of `bytes`) on a blocking thread once a turn is free, giving up at `deadline`. The job should
    /// stop at the deadline too (threads cannot be cancelled): it keeps its turn until it ends, so the bound on
    /// CPU work holds.
    pub async fn run<T, F>(&self, deadline: Instant, bytes: usize, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let turn = self.turn(deadline, bytes, &mut None, true).await?;
        finished(timeout_at(deadline, spawn(turn, deadline, job)).await)
    }

    /// Runs the `jobs` of one request (the chunks of a batch, each with its size in bytes), each on a blocking
    /// thread in a turn of its own, and returns their results in order. The request is refused (503) only when no
    /// turn is free and the queue is full at the start; once admitted, its jobs take turns as they free up, in the
    /// semaphore's first-come order, so other requests are served between them. The deadline covers the whole
    /// request.
    pub async fn run_all<T, F>(&self, deadline: Instant, jobs: Vec<(usize, F)>) -> Result<Vec<T>, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let mut waiting = None;
        let mut tasks = Vec::with_capacity(jobs.len());
        for (bytes, job) in jobs {
            let turn = self.turn(deadline, bytes, &mut waiting, tasks.is_empty()).await?;
            tasks.push(spawn(turn, deadline, job));
        }
        drop(waiting);
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(finished(timeout_at(deadline, task).await)?);
        }
        Ok(results)
    }
}

/// Runs `job` on a blocking thread holding `turn`; logs how long past `deadline` it ran, if it did.
fn spawn<T, F>(turn: Turn, deadline: Instant, job: F) -> tokio::task::JoinHandle<std::thread::Result<T>>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let deadline = deadline.into_std();
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        tracing::debug!("job started");
        let result = panic::catch_unwind(AssertUnwindSafe(job));
        let late = std::time::Instant::now().saturating_duration_since(deadline);
        tracing::debug!(late_ms = late.as_millis() as u64, "job ended");
        result
    })
}

/// The result of a job, or why there is none.
fn finished<T>(
    outcome: Result<Result<std::thread::Result<T>, tokio::task::JoinError>, tokio::time::error::Elapsed>,
) -> Result<T, ApiError> {
    match outcome {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(panic))) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(ApiError::new(Code::Internal, format!("the extractor panicked: {what}")))
        }
        Ok(Err(join)) => Err(ApiError::new(Code::Internal, format!("the worker failed: {join}"))),
        Err(_elapsed) => Err(timed_out()),
    }
}

/// The refusal of a request that did not finish by its deadline.
pub fn timed_out() -> ApiError {
    ApiError::new(Code::Timeout, "the request did not finish in time")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn sheds_load_beyond_the_queue_and_times_out() {
        let workers = Arc::new(Workers::new(1, 0));
        let far = Instant::now() + Duration::from_secs(10);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let busy = {
            let workers = workers.clone();
            tokio::spawn(async move { workers.run(far, 0, move || rx.recv().is_ok()).await })
        };
        // Wait until the first job holds the only turn.
        while workers.permits.available_permits() > 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let refused = workers.run(far, 0, || ()).await;
        assert_eq!(refused.map_err(|e| e.code), Err(Code::Overloaded));
        let _ = tx.send(());
        assert!(matches!(busy.await, Ok(Ok(true))));

        let workers = Workers::new(1, 4);
        let soon = Instant::now() + Duration::from_millis(20);
        let slow = workers.run(soon, 0, || std::thread::sleep(Duration::from_millis(200))).await;
        assert_eq!(slow.map_err(|e| e.code), Err(Code::Timeout));
        let panicked = workers.run(far, 0, || panic!("boom")).await;
        assert_eq!(panicked.map_err(|e| e.code), Err(Code::Internal));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_runs_on_every_turn_and_keeps_its_order() {
        let workers = Workers::new(3, 0);
        let far = Instant::now() + Duration::from_secs(10);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let jobs: Vec<_> = (0..12)
            .map(|i| {
                let (running, most) = (running.clone(), most.clone());
                let job = move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                    i
                };
                (100, job)
            })
            .collect();
        let results = workers.run_all(far, jobs).await;
        assert_eq!(results.ok(), Some((0..12).collect::<Vec<_>>()));
        // More than one turn at once, never more than the three there are.
        let most = most.load(Ordering::SeqCst);
        assert!((2..=3).contains(&most), "{most} jobs ran at once");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn large_jobs_leave_a_turn_for_small_ones() {
        let workers = Arc::new(Workers::new(2, 8));
        let far = Instant::now() + Duration::from_secs(10);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let busy = {
            let workers = workers.clone();
            tokio::spawn(async move { workers.run(far, LARGE + 1, move || rx.recv().is_ok()).await })
        };
        while workers.permits.available_permits() > 1 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // A second large job waits for the large turn and times out; a small one runs at once on the other.
        let soon = Instant::now() + Duration::from_millis(50);
        let large = workers.run(soon, LARGE + 1, || ()).await;
        assert_eq!(large.map_err(|e| e.code), Err(Code::Timeout));
        assert_eq!(workers.run(soon + Duration::from_millis(50), LARGE, || 7).await.ok(), Some(7));
        let _ = tx.send(());
        assert!(matches!(busy.await, Ok(Ok(true))));
    }
}
