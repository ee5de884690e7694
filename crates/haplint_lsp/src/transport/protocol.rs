//! What the transport does with each well-framed message before tower-lsp
//! sees it: the protocol rules tower-lsp 0.20 gets wrong or leaves out
//! are applied here, so every request gets exactly one answer.

use serde_json::{Value, json};
use tower_lsp::jsonrpc::{Request, Response};

/// JSON-RPC and LSP error codes.
pub const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const SERVER_NOT_INITIALIZED: i64 = -32002;

/// What to do with one message.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Hand it to tower-lsp.
    Forward,
    /// Hand it to tower-lsp and stop reading: it is `exit`.
    ForwardExit,
    /// Answer it here with this message; tower-lsp never sees it.
    Answer(Value),
    /// Say nothing (an invalid notification or response).
    Drop,
}

/// The little protocol state the transport needs.
#[derive(Default)]
pub struct Protocol {
    /// An `initialize` request was passed on.
    initialized: bool,
    /// A `shutdown` request was passed on.
    shut_down: bool,
}

pub fn error_response(id: &Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

impl Protocol {
    /// The exit code after `exit`: 0 after `shutdown`, 1 without, as the
    /// specification asks.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.shut_down)
    }

    pub fn check(&mut self, body: &[u8]) -> Verdict {
        let Ok(message) = serde_json::from_slice::<Value>(body) else {
            return Verdict::Answer(error_response(&Value::Null, PARSE_ERROR, "Parse error"));
        };
        let invalid =
            |id: &Value| Verdict::Answer(error_response(id, INVALID_REQUEST, "Invalid request"));
        let Some(object) = message.as_object() else {
            // Batches are not part of the language server protocol.
            return invalid(&Value::Null);
        };
        let id = match object.get("id") {
            None | Some(Value::Null) => None,
            Some(id @ (Value::Number(_) | Value::String(_))) => Some(id.clone()),
            Some(_) => return invalid(&Value::Null),
        };
        match (object.get("method"), id) {
            (Some(Value::String(method)), Some(id)) => self.request(method, &id, &message),
            (Some(Value::String(method)), None) => self.notification(method, &message),
            (None, id) if object.contains_key("result") || object.contains_key("error") => {
                // An answer to one of our requests; a broken one cannot be
                // answered back.
                if id.is_some() && serde_json::from_value::<Response>(message).is_ok() {
                    Verdict::Forward
                } else {
                    Verdict::Drop
                }
            }
            // A method that is not a string, or neither a request nor a
            // response, like `{"jsonrpc":"2.0"}`.
            (_, id) => invalid(&id.unwrap_or(Value::Null)),
        }
    }

    fn request(&mut self, method: &str, id: &Value, message: &Value) -> Verdict {
        if !self.initialized && method != "initialize" {
            return Verdict::Answer(error_response(
                id,
                SERVER_NOT_INITIALIZED,
                "Server not initialized",
            ));
        }
        // tower-lsp silently drops every `$/` message, requests included.
        if method.starts_with("$/") {
            return Verdict::Answer(error_response(
                id,
                METHOD_NOT_FOUND,
                &format!("Method not found: {method}"),
            ));
        }
        // tower-lsp's reader stops at the first message it cannot decode:
        // it must only see what it decodes.
        if serde_json::from_value::<Request>(message.clone()).is_err() {
            return Verdict::Answer(error_response(id, INVALID_REQUEST, "Invalid request"));
        }
        match method {
            "initialize" => self.initialized = true,
            "shutdown" => self.shut_down = true,
            _ => {}
        }
        Verdict::Forward
    }

    fn notification(&self, method: &str, message: &Value) -> Verdict {
        if serde_json::from_value::<Request>(message.clone()).is_err() {
            return Verdict::Drop;
        }
        if method == "exit" {
            return Verdict::ForwardExit;
        }
        // Notifications before `initialize` are dropped, as the
        // specification says.
        if self.initialized {
            Verdict::Forward
        } else {
            Verdict::Drop
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(verdict: &Verdict) -> Option<i64> {
        match verdict {
            Verdict::Answer(answer) => answer["error"]["code"].as_i64(),
            _ => None,
        }
    }

    #[test]
    fn verdicts() {
        let mut protocol = Protocol::default();
        let check = |protocol: &mut Protocol, text: &str| protocol.check(text.as_bytes());
        assert_eq!(
            code(&check(
                &mut protocol,
                r#"{"jsonrpc":"2.0","id":1,"method":"foo"}"#
            )),
            Some(-32002)
        );
        assert_eq!(
            check(&mut protocol, r#"{"jsonrpc":"2.0","method":"initialized"}"#),
            Verdict::Drop
        );
        assert_eq!(
            check(
                &mut protocol,
                r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#
            ),
            Verdict::Forward
        );
        assert_eq!(
            code(&check(
                &mut protocol,
                r#"{"jsonrpc":"2.0","id":2,"method":"$/x"}"#
            )),
            Some(-32601)
        );
        assert_eq!(
            check(&mut protocol, r#"{"jsonrpc":"2.0","method":"$/x"}"#),
            Verdict::Forward
        );
        assert_eq!(
            code(&check(&mut protocol, r#"{"jsonrpc":"2.0"}"#)),
            Some(-32600)
        );
        assert_eq!(code(&check(&mut protocol, "[]")), Some(-32600));
        assert_eq!(
            code(&check(&mut protocol, r#"{"id":{},"method":"x"}"#)),
            Some(-32600)
        );
        assert_eq!(code(&check(&mut protocol, "{oops")), Some(-32700));
        assert_eq!(
            check(&mut protocol, r#"{"jsonrpc":"2.0","id":1,"result":null}"#),
            Verdict::Forward
        );
        assert_eq!(protocol.exit_code(), 1);
        assert_eq!(
            check(
                &mut protocol,
                r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#
            ),
            Verdict::Forward
        );
        assert_eq!(
            check(&mut protocol, r#"{"jsonrpc":"2.0","method":"exit"}"#),
            Verdict::ForwardExit
        );
        assert_eq!(protocol.exit_code(), 0);
    }
}
