//! `show stat`: CSV, one row per frontend, listener, server and backend.
//!
//! The first line names the columns after `# `. Columns come and go
//! between versions, so fields are found by name. Fields holding a comma
//! (a listener named `"a,b"`) are quoted, with `""` for a quote.

use super::info::unexpected;

/// A server row, before `show servers state` fills in gaps.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ServerRow {
    pub backend: String,
    pub server: String,
    pub status: String,
    pub since_seconds: Option<u64>,
    pub address: Option<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Stat {
    pub frontends: Vec<String>,
    pub backends: Vec<String>,
    pub backend_status: Vec<(String, String)>,
    pub servers: Vec<ServerRow>,
}

/// What a row describes. The `type` column says it (0 to 3), and is the
/// only way to tell listener rows (`option socket-stats`, named after the
/// `bind`) from servers. Without it, the `FRONTEND` and `BACKEND` names
/// tell proxies from the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Frontend,
    Backend,
    Server,
    Listener,
}

fn row_kind(type_field: Option<&str>, svname: &str) -> RowKind {
    match type_field {
        Some("0") => RowKind::Frontend,
        Some("1") => RowKind::Backend,
        Some("2") => RowKind::Server,
        Some("3") => RowKind::Listener,
        _ => match svname {
            "FRONTEND" => RowKind::Frontend,
            "BACKEND" => RowKind::Backend,
            _ => RowKind::Server,
        },
    }
}

pub(super) fn parse(answer: &str) -> Result<Stat, String> {
    let mut lines = answer.lines();
    let header = lines
        .next()
        .and_then(|line| line.strip_prefix('#'))
        .ok_or_else(|| unexpected(answer))?;
    let columns = split_csv(header.trim_start());
    let column = |name: &str| columns.iter().position(|column| column == name);
    let (Some(pxname), Some(svname), Some(status)) =
        (column("pxname"), column("svname"), column("status"))
    else {
        return Err("a statistics table without pxname, svname or status columns".to_owned());
    };
    let (kind, lastchg, addr) = (column("type"), column("lastchg"), column("addr"));

    let mut stat = Stat::default();
    for line in lines.filter(|line| !line.trim().is_empty()) {
        let fields = split_csv(line);
        let field = |index: Option<usize>| {
            index
                .and_then(|index| fields.get(index))
                .map(String::as_str)
                .filter(|value| !value.is_empty())
        };
        let (Some(proxy), Some(name)) = (field(Some(pxname)), field(Some(svname))) else {
            continue;
        };
        let status = field(Some(status)).unwrap_or_default().to_owned();
        match row_kind(field(kind), name) {
            RowKind::Frontend => stat.frontends.push(proxy.to_owned()),
            RowKind::Backend => {
                stat.backends.push(proxy.to_owned());
                stat.backend_status.push((proxy.to_owned(), status));
            }
            RowKind::Server => stat.servers.push(ServerRow {
                backend: proxy.to_owned(),
                server: name.to_owned(),
                status,
                since_seconds: field(lastchg).and_then(|value| value.parse().ok()),
                address: field(addr).map(str::to_owned),
            }),
            RowKind::Listener => {}
        }
    }
    Ok(stat)
}

/// Splits one CSV line. A quoted field runs to the next lone `"`; `""`
/// inside it is a quote.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::{ServerRow, parse, split_csv};

    /// The shape of HAProxy 2.6's answer, most columns left out and the
    /// rest in another order than HAProxy's, since only names count.
    const SHOW_STAT: &str = "\
# pxname,svname,qcur,status,weight,lastchg,type,check_status,addr,mode,-,h1_bytes_out,
fe_main,FRONTEND,,OPEN,,,0,,,http,-,0,
fe_main,\"lst,a\",,OPEN,,,3,,127.0.0.1:18080,http,-,,
be_app,up1,0,UP,1,3,2,L4OK,127.0.0.1:18081,http,-,,
be_app,down1,0,DOWN,1,2,2,L4CON,127.0.0.1:18082,http,-,,
be_app,nochk,0,no check,1,3,2,,127.0.0.1:18081,http,-,,
be_app,BACKEND,0,UP,2,3,1,,,http,-,0,
li_x,FRONTEND,,OPEN,,,0,,,http,-,0,
li_x,s1,0,UP 1/3,1,20,2,L4CON,[::1]:18090,http,-,,
li_x,BACKEND,0,UP,1,20,1,,,http,-,0,

";

    fn server(backend: &str, server: &str, status: &str, since: u64, address: &str) -> ServerRow {
        ServerRow {
            backend: backend.to_owned(),
            server: server.to_owned(),
            status: status.to_owned(),
            since_seconds: Some(since),
            address: Some(address.to_owned()),
        }
    }

    #[test]
    fn sorts_rows_into_proxies_and_servers() {
        let stat = parse(SHOW_STAT).expect("a statistics table");
        assert_eq!(stat.frontends, ["fe_main", "li_x"]);
        assert_eq!(stat.backends, ["be_app", "li_x"]);
        assert_eq!(
            stat.backend_status,
            [
                ("be_app".to_owned(), "UP".to_owned()),
                ("li_x".to_owned(), "UP".to_owned())
            ]
        );
        assert_eq!(
            stat.servers,
            [
                server("be_app", "up1", "UP", 3, "127.0.0.1:18081"),
                server("be_app", "down1", "DOWN", 2, "127.0.0.1:18082"),
                server("be_app", "nochk", "no check", 3, "127.0.0.1:18081"),
                server("li_x", "s1", "UP 1/3", 20, "[::1]:18090"),
            ]
        );
    }

    #[test]
    fn without_a_type_column_the_row_names_tell() {
        let stat =
            parse("# pxname,svname,status\nfe,FRONTEND,OPEN\nbe,web1,MAINT\nbe,BACKEND,DOWN\n")
                .expect("a statistics table");
        assert_eq!(stat.frontends, ["fe"]);
        assert_eq!(stat.backends, ["be"]);
        assert_eq!(stat.servers[0].status, "MAINT");
        assert_eq!(stat.servers[0].since_seconds, None);
        assert_eq!(stat.servers[0].address, None);
    }

    #[test]
    fn refuses_what_is_not_a_table() {
        assert_eq!(
            parse("Permission denied\n\n"),
            Err("\"Permission denied\" instead of the expected table".to_owned())
        );
        assert!(parse("# a,b,c\n1,2,3\n").is_err());
    }

    #[test]
    fn quoted_fields_keep_commas_and_quotes() {
        assert_eq!(
            split_csv("a,\"b,c\",\"d\"\"e\",,"),
            ["a", "b,c", "d\"e", "", ""]
        );
    }
}
