//! CPU work off the async runtime, bounded: at most `concurrency` extractions run at once (each on a blocking
//! thread), at most `queue` more wait for a turn, and every request has a deadline. Beyond the queue a request
//! is refused at once (503 with Retry-After) rather than left to time out.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout_at};

use crate::error::{ApiError, Code};

/// The gate in front of the CPU.
#[derive(Debug)]
pub struct Workers {
    permits: Arc<Semaphore>,
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

impl Workers {
    /// A gate letting `concurrency` jobs run and `queue` wait.
    pub fn new(concurrency: usize, queue: usize) -> Self {
        Workers { permits: Arc::new(Semaphore::new(concurrency.max(1))), waiting: AtomicUsize::new(0), queue }
    }

    /// Runs `job` on a blocking thread once a turn is free, giving up at `deadline`. A job that overruns keeps
    /// its turn until it ends (threads cannot be cancelled), so the bound on CPU work holds.
    pub async fn run<T, F>(&self, deadline: Instant, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.queue {
                    self.waiting.fetch_sub(1, Ordering::AcqRel);
                    return Err(ApiError::new(Code::Overloaded, "the server is busy; retry later"));
                }
                let _waiting = Waiting(&self.waiting);
                match timeout_at(deadline, self.permits.clone().acquire_owned()).await {
                    Ok(Ok(permit)) => permit,
                    Ok(Err(_closed)) => return Err(ApiError::new(Code::Internal, "the worker pool is closed")),
                    Err(_elapsed) => return Err(timed_out()),
                }
            }
        };
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            tracing::debug!("job started");
            panic::catch_unwind(AssertUnwindSafe(job))
        });
        finished(timeout_at(deadline, task).await)
    }
}

impl Workers {
    /// Runs the `jobs` of one request (the chunks of a batch), each on a blocking thread in a turn of its own,
    /// and returns their results in order. The request is refused (503) only when no turn is free and the queue
    /// is full at the start; once admitted, its jobs take turns as they free up, in the semaphore's first-come
    /// order, so other requests are served between them. The deadline covers the whole request.
    pub async fn run_all<T, F>(&self, deadline: Instant, jobs: Vec<F>) -> Result<Vec<T>, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let mut waiting = None;
        let mut tasks = Vec::with_capacity(jobs.len());
        for job in jobs {
            let permit = match self.permits.clone().try_acquire_owned() {
                Ok(permit) => permit,
                Err(_) => {
                    if waiting.is_none() {
                        // Counted once as waiting; refused only if nothing of it runs yet.
                        let before = self.waiting.fetch_add(1, Ordering::AcqRel);
                        if tasks.is_empty() && before >= self.queue {
                            self.waiting.fetch_sub(1, Ordering::AcqRel);
                            return Err(ApiError::new(Code::Overloaded, "the server is busy; retry later"));
                        }
                        waiting = Some(Waiting(&self.waiting));
                    }
                    match timeout_at(deadline, self.permits.clone().acquire_owned()).await {
                        Ok(Ok(permit)) => permit,
                        Ok(Err(_closed)) => return Err(ApiError::new(Code::Internal, "the worker pool is closed")),
                        Err(_elapsed) => return Err(timed_out()),
                    }
                }
            };
            tasks.push(tokio::task::spawn_blocking(move || {
                let _permit = permit;
                panic::catch_unwind(AssertUnwindSafe(job))
            }));
        }
        drop(waiting);
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(finished(timeout_at(deadline, task).await)?);
        }
        Ok(results)
    }
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

fn timed_out() -> ApiError {
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
            tokio::spawn(async move { workers.run(far, move || rx.recv().is_ok()).await })
        };
        // Wait until the first job holds the only turn.
        while workers.permits.available_permits() > 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let refused = workers.run(far, || ()).await;
        assert_eq!(refused.map_err(|e| e.code), Err(Code::Overloaded));
        let _ = tx.send(());
        assert!(matches!(busy.await, Ok(Ok(true))));

        let workers = Workers::new(1, 4);
        let soon = Instant::now() + Duration::from_millis(20);
        let slow = workers.run(soon, || std::thread::sleep(Duration::from_millis(200))).await;
        assert_eq!(slow.map_err(|e| e.code), Err(Code::Timeout));
        let panicked = workers.run(far, || panic!("boom")).await;
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
                move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                    i
                }
            })
            .collect();
        let results = workers.run_all(far, jobs).await;
        assert_eq!(results.ok(), Some((0..12).collect::<Vec<_>>()));
        // More than one turn at once, never more than the three there are.
        let most = most.load(Ordering::SeqCst);
        assert!((2..=3).contains(&most), "{most} jobs ran at once");
    }
}
