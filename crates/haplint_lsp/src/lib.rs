//! `haplint server`: the language server. Documents are kept in sync with
//! the editor, linted after a short pause in typing, and the same model the
//! command line builds answers completion, hover, navigation and the rest.
//!
//! Standard output is the protocol channel: nothing else may print there.
#![deny(clippy::print_stdout)]

mod capabilities;
mod config;
mod convert;
mod environment;
mod features;
mod guard;
mod line_index;
mod lint;
mod log;
mod pacing;
mod server;
mod snapshot;
mod state;
mod text_document;
mod transport;

use tower_lsp::{ClientSocket, LspService};

pub use features::symbols::MAX_SYMBOLS;
pub use server::Server;
pub use state::MAX_DOCUMENT;
pub use transport::{MAX_BODY, serve};

/// A server ready to be connected to a transport; [`serve`] connects it
/// with the input checks it needs.
pub fn service() -> (LspService<Server>, ClientSocket) {
    LspService::new(Server::new)
}

/// How long an idle analysis thread lives. mimalloc returns the pages a
/// thread freed to the system only when that thread allocates again or
/// ends; the thread that built a closed document's model sits idle, so its
/// gigabyte stayed resident for tokio's default 10 s (a 20 MB document:
/// 600 MB held after `didClose`). A thread is cheap to start again.
const BLOCKING_THREAD_IDLE: std::time::Duration = std::time::Duration::from_secs(1);

/// Serves the protocol on standard input and output until the client
/// exits; returns the process exit code.
pub fn run_stdio() -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_keep_alive(BLOCKING_THREAD_IDLE)
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("haplint: error: cannot start the server: {error}");
            return 2;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Tokio reads stdin on a blocking thread that only returns at end of
    // input; a client may keep the pipe open after `exit` and wait for us
    // to go first, so do not wait for that thread.
    runtime.shutdown_background();
    code
}
