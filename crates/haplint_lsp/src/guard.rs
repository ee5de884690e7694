//! Turning a panic into a logged error and an empty answer: one bad
//! request or rule must never take the server down with it.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::log::error;

/// Runs `work`; a panic is logged under `what` and becomes `None`.
pub fn guarded<T>(what: &str, work: impl FnOnce() -> Option<T>) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(answer) => answer,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            error!("internal error in {what}: {message}");
            None
        }
    }
}

/// Runs `work` on the blocking pool (analysis is CPU work that must not
/// stall the protocol loop), guarded against panics.
pub async fn blocking<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> Option<T> + Send + 'static,
) -> Option<T> {
    match tokio::task::spawn_blocking(move || guarded(what, work)).await {
        Ok(answer) => answer,
        Err(join_error) => {
            error!("internal error in {what}: {join_error}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_empty_answer() {
        assert_eq!(guarded("test", || Some(1)), Some(1));
        let answer: Option<u8> = guarded("test", || panic!("a bug in a handler"));
        assert_eq!(answer, None);
    }

    #[tokio::test]
    async fn a_panic_on_the_blocking_pool_too() {
        let answer: Option<u8> = blocking("test", || panic!("a bug in a rule")).await;
        assert_eq!(answer, None);
        assert_eq!(blocking("test", || Some(2)).await, Some(2));
    }
}
