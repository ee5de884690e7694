//! The files and directories a configuration names, with what HAProxy
//! does with each: the live rules check them on disk.

use haplint_keywords::SectionKind;
use haplint_semantic::{Model, Section, Statement, Word};

/// What a path is for; it decides how the file is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceKind {
    /// `crt` of a `bind` or `server`, a `crt-store` `load crt`: a PEM file
    /// with certificate (and key), or a directory of them.
    Certificate,
    /// `key` of a `crt-store` `load` line.
    PrivateKey,
    /// `crt-list`: a list of certificate files, one per line.
    CertificateList,
    /// `ca-file`, `ca-verify-file`: trusted CA certificates.
    CaFile,
    /// `crl-file`.
    CrlFile,
    /// `ssl-dh-param-file`.
    DhParams,
    /// `errorfile`, `http-request return ... file`: a file loaded at start.
    Content,
    /// `lua-load`, `lua-load-per-thread`.
    LuaScript,
    /// `-f FILE` of an ACL, a map file of a converter.
    Patterns,
    /// `server-state-file`: read at start if present, so only its
    /// directory must exist.
    StateFile,
    /// A directory that must exist: `chroot`, the directory of a
    /// `stats socket` or of `pidfile`.
    Directory,
}

/// A path written in the configuration.
#[derive(Debug, Clone)]
pub struct FileReference<'a> {
    pub kind: ReferenceKind,
    /// The path as HAProxy reads it: the word, after the base directory
    /// (`crt-base`, `ca-base`, `server-state-base`) when it is relative.
    pub path: String,
    pub word: &'a Word,
    pub statement: &'a Statement,
    /// The keyword or option that introduced the path (`crt`, `errorfile`).
    pub keyword: &'static str,
}

/// Converters whose first argument is a map file.
const MAP_CONVERTERS: [&str; 3] = ["map(", "map_", "map_beg("];

/// Every file reference of the model, in order.
pub fn file_references(model: &Model) -> Vec<FileReference<'_>> {
    let mut collector = Collector {
        crt_base: last_global(model, "crt-base"),
        ca_base: last_global(model, "ca-base"),
        state_base: last_global(model, "server-state-base"),
        found: Vec::new(),
    };
    for section in &model.sections {
        for statement in &section.statements {
            collector.statement(section, statement);
        }
    }
    collector.found
}

struct Collector<'a> {
    crt_base: Option<&'a str>,
    ca_base: Option<&'a str>,
    state_base: Option<&'a str>,
    found: Vec<FileReference<'a>>,
}

impl<'a> Collector<'a> {
    fn add(
        &mut self,
        kind: ReferenceKind,
        keyword: &'static str,
        statement: &'a Statement,
        word: &'a Word,
        base: Option<&str>,
    ) {
        // A path built at load time from the environment cannot be looked
        // up here.
        if word.has_variables || word.value.is_empty() {
            return;
        }
        self.found.push(FileReference {
            kind,
            path: join(base, &word.value),
            word,
            statement,
            keyword,
        });
    }

    fn statement(&mut self, section: &'a Section, statement: &'a Statement) {
        let args = statement.args();
        let crt_base = self.crt_base;
        let ca_base = self.ca_base;
        match (section.kind, statement.head()) {
            (SectionKind::Global, "ssl-dh-param-file") => {
                self.first(
                    ReferenceKind::DhParams,
                    "ssl-dh-param-file",
                    statement,
                    None,
                );
            }
            (SectionKind::Global, "lua-load" | "lua-load-per-thread") => {
                self.first(ReferenceKind::LuaScript, "lua-load", statement, None);
            }
            (SectionKind::Global, "chroot") => {
                self.first(ReferenceKind::Directory, "chroot", statement, None);
            }
            (SectionKind::Global, "server-state-file") => {
                let base = self.state_base;
                self.first(
                    ReferenceKind::StateFile,
                    "server-state-file",
                    statement,
                    base,
                );
            }
            (SectionKind::Global, "pidfile") => {
                self.parent(ReferenceKind::Directory, "pidfile", statement, args.first());
            }
            (SectionKind::Global, "stats") if word_is(statement, 1, "socket") => {
                let socket = statement
                    .body()
                    .get(2)
                    .filter(|word| is_unix_path(&word.value));
                self.parent(ReferenceKind::Directory, "stats socket", statement, socket);
            }
            (_, "errorfile") => {
                if let Some(word) = args.get(1) {
                    self.add(ReferenceKind::Content, "errorfile", statement, word, None);
                }
            }
            (SectionKind::CrtStore, "load") => {
                let crt_base = last_in(section, "crt-base").or(crt_base);
                let key_base = last_in(section, "key-base").or(crt_base);
                for pair in args.windows(2) {
                    match pair[0].value.as_str() {
                        "crt" => self.add(
                            ReferenceKind::Certificate,
                            "crt",
                            statement,
                            &pair[1],
                            crt_base,
                        ),
                        "key" => self.add(
                            ReferenceKind::PrivateKey,
                            "key",
                            statement,
                            &pair[1],
                            key_base,
                        ),
                        _ => {}
                    }
                }
                return;
            }
            _ => {}
        }
        let listens_or_connects = matches!(statement.head(), "bind" | "server" | "default-server");
        for pair in args.windows(2) {
            let (option, word) = (pair[0].value.as_str(), &pair[1]);
            match option {
                "crt" if listens_or_connects => {
                    self.add(ReferenceKind::Certificate, "crt", statement, word, crt_base);
                }
                "crt-list" if listens_or_connects => {
                    self.add(
                        ReferenceKind::CertificateList,
                        "crt-list",
                        statement,
                        word,
                        crt_base,
                    );
                }
                "ca-file" if listens_or_connects => {
                    self.add(ReferenceKind::CaFile, "ca-file", statement, word, ca_base);
                }
                "ca-verify-file" if listens_or_connects => {
                    self.add(
                        ReferenceKind::CaFile,
                        "ca-verify-file",
                        statement,
                        word,
                        ca_base,
                    );
                }
                "crl-file" if listens_or_connects => {
                    self.add(ReferenceKind::CrlFile, "crl-file", statement, word, ca_base);
                }
                // `acl name -f file`, `-m str -f file` in conditions.
                "-f" if !listens_or_connects => {
                    self.add(ReferenceKind::Patterns, "-f", statement, word, None);
                }
                "file" | "lf-file" if is_return_action(statement) => {
                    self.add(ReferenceKind::Content, "file", statement, word, None);
                }
                _ => {}
            }
        }
        for word in args {
            self.map_files(statement, word);
        }
    }

    fn first(
        &mut self,
        kind: ReferenceKind,
        keyword: &'static str,
        statement: &'a Statement,
        base: Option<&str>,
    ) {
        if let Some(word) = statement.args().first() {
            self.add(kind, keyword, statement, word, base);
        }
    }

    /// The directory a file will be created in.
    fn parent(
        &mut self,
        kind: ReferenceKind,
        keyword: &'static str,
        statement: &'a Statement,
        word: Option<&'a Word>,
    ) {
        let Some(word) = word else {
            return;
        };
        if word.has_variables {
            return;
        }
        let path = word.value.trim_start_matches("unix@");
        let Some(parent) = std::path::Path::new(path).parent() else {
            return;
        };
        let parent = parent.to_string_lossy();
        if parent.is_empty() {
            return;
        }
        self.found.push(FileReference {
            kind,
            path: parent.into_owned(),
            word,
            statement,
            keyword,
        });
    }

    /// `map(file)`, `map_str(file,default)` inside sample expressions.
    fn map_files(&mut self, statement: &'a Statement, word: &'a Word) {
        if word.has_variables {
            return;
        }
        for range in map_paths(&word.value) {
            let path = &word.value[range];
            if !path.contains('$') {
                self.found.push(FileReference {
                    kind: ReferenceKind::Patterns,
                    path: path.to_owned(),
                    word,
                    statement,
                    keyword: "map",
                });
            }
        }
    }
}

/// Byte ranges of the file arguments of `map*` converters in a word
/// (`%[req.hdr(host),map(/etc/hosts.map,be)]`).
pub fn map_paths(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    // Every word of the file comes here and almost none holds a converter:
    // a byte scan says so without building a substring searcher per word.
    if !text
        .as_bytes()
        .windows(4)
        .any(|four| four.starts_with(b"map"))
    {
        return found;
    }
    for converter in MAP_CONVERTERS {
        let mut from = 0;
        while let Some(at) = text[from..].find(converter) {
            let Some(open) = text[from + at..].find('(').map(|open| from + at + open + 1) else {
                break;
            };
            let length = text[open..].find([',', ')']).unwrap_or(text.len() - open);
            if length > 0 {
                found.push(open..open + length);
            }
            from = open + length;
        }
    }
    found
}

/// Whether word `index` of the statement's body is `text` (`stats socket`
/// may resolve to a two-word keyword or not, depending on the version).
fn word_is(statement: &Statement, index: usize, text: &str) -> bool {
    statement
        .body()
        .get(index)
        .is_some_and(|word| word.value == text)
}

fn is_return_action(statement: &Statement) -> bool {
    // `http-request return` may be one keyword: look at the body.
    statement
        .body()
        .iter()
        .take(3)
        .any(|word| word.value == "return")
}

/// `/run/haproxy.sock`, `unix@/run/x.sock`; not `ipv4@...` or `:9999`.
fn is_unix_path(text: &str) -> bool {
    let text = text.strip_prefix("unix@").unwrap_or(text);
    text.starts_with('/') || text.starts_with("./") || text.starts_with("../")
}

fn join(base: Option<&str>, path: &str) -> String {
    match base {
        Some(base) if !path.starts_with('/') => {
            format!("{}/{path}", base.trim_end_matches('/'))
        }
        _ => path.to_owned(),
    }
}

fn last_global<'a>(model: &'a Model, keyword: &str) -> Option<&'a str> {
    model
        .sections_of(SectionKind::Global)
        .filter_map(|section| last_in(section, keyword))
        .last()
}

fn last_in<'a>(section: &'a Section, keyword: &str) -> Option<&'a str> {
    section
        .statements
        .iter()
        .filter(|statement| statement.head() == keyword)
        .filter_map(|statement| statement.args().first())
        .filter(|word| !word.has_variables)
        .map(|word| word.value.as_str())
        .next_back()
}

#[cfg(test)]
mod tests {
    use haplint_semantic::{ConfigSet, Options, analyze};

    use super::{ReferenceKind, file_references};

    fn references(text: &str) -> Vec<(ReferenceKind, String)> {
        let set = ConfigSet::single(std::path::Path::new("t.cfg"), text.as_bytes());
        let analysis = analyze(&set, &Options::default());
        file_references(&analysis.model)
            .into_iter()
            .map(|reference| (reference.kind, reference.path))
            .collect()
    }

    #[test]
    fn bases_apply_to_relative_paths_only() {
        let found = references(
            "global\n    crt-base /etc/ssl/private\n    ca-base /etc/ssl/certs\n\
             frontend f\n    bind :443 ssl crt site.pem crt /abs/other.pem ca-file ca.pem\n",
        );
        assert_eq!(
            found,
            [
                (
                    ReferenceKind::Certificate,
                    "/etc/ssl/private/site.pem".to_owned()
                ),
                (ReferenceKind::Certificate, "/abs/other.pem".to_owned()),
                (ReferenceKind::CaFile, "/etc/ssl/certs/ca.pem".to_owned()),
            ]
        );
    }

    #[test]
    fn global_files_and_directories() {
        let found = references(
            "global\n    chroot /var/lib/haproxy\n    pidfile /run/haproxy/haproxy.pid\n\
             \x20   stats socket /run/haproxy/admin.sock mode 600 level admin\n\
             \x20   stats socket ipv4@127.0.0.1:9999 level admin\n\
             \x20   lua-load /etc/haproxy/a.lua\n    ssl-dh-param-file /etc/haproxy/dh.pem\n",
        );
        assert_eq!(
            found,
            [
                (ReferenceKind::Directory, "/var/lib/haproxy".to_owned()),
                (ReferenceKind::Directory, "/run/haproxy".to_owned()),
                (ReferenceKind::Directory, "/run/haproxy".to_owned()),
                (ReferenceKind::LuaScript, "/etc/haproxy/a.lua".to_owned()),
                (ReferenceKind::DhParams, "/etc/haproxy/dh.pem".to_owned()),
            ]
        );
    }

    #[test]
    fn patterns_error_pages_and_maps() {
        let found = references(
            "frontend f\n    bind :80\n    acl bad src -f /etc/haproxy/bad.lst\n\
             \x20   errorfile 503 /etc/haproxy/errors/503.http\n\
             \x20   use_backend %[req.hdr(host),lower,map(/etc/haproxy/hosts.map,be_default)]\n\
             \x20   http-request return status 200 content-type text/plain file /srv/ok.txt if { path /ok }\n",
        );
        assert_eq!(
            found,
            [
                (ReferenceKind::Patterns, "/etc/haproxy/bad.lst".to_owned()),
                (
                    ReferenceKind::Content,
                    "/etc/haproxy/errors/503.http".to_owned()
                ),
                (ReferenceKind::Patterns, "/etc/haproxy/hosts.map".to_owned()),
                (ReferenceKind::Content, "/srv/ok.txt".to_owned()),
            ]
        );
    }

    #[test]
    fn environment_variables_are_skipped() {
        assert!(references("frontend f\n    bind :443 ssl crt \"${CERT}\"\n").is_empty());
    }
}
