//! `show servers state`: the format version on the first line (`1`), then
//! `# ` and space-separated column names, then one line per server.
//!
//! HAProxy writes it for `server-state-file`, so it lists every server,
//! including those of `disabled` backends, with its address and port in
//! separate columns. Fields are found by column name.

use super::info::unexpected;

#[derive(Debug, PartialEq, Eq)]
pub(super) struct ServerState {
    pub backend: String,
    pub server: String,
    /// `ip:port`, brackets around an IPv6 address.
    pub address: Option<String>,
    pub since_seconds: Option<u64>,
}

pub(super) fn parse(answer: &str) -> Result<Vec<ServerState>, String> {
    let mut lines = answer.lines().map(str::trim);
    if lines.next() != Some("1") {
        return Err(unexpected(answer));
    }
    let columns: Vec<&str> = lines
        .next()
        .and_then(|line| line.strip_prefix('#'))
        .ok_or_else(|| unexpected(answer))?
        .split_whitespace()
        .collect();
    let column = |name: &str| columns.iter().position(|column| *column == name);
    let (Some(backend), Some(server)) = (column("be_name"), column("srv_name")) else {
        return Err("a server state table without be_name or srv_name columns".to_owned());
    };
    let (addr, port, since) = (
        column("srv_addr"),
        column("srv_port"),
        column("srv_time_since_last_change"),
    );

    let mut servers = Vec::new();
    for line in lines.filter(|line| !line.is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // `-` stands for an empty field, as in a server without address.
        let field = |index: Option<usize>| {
            index
                .and_then(|index| fields.get(index).copied())
                .filter(|value| *value != "-")
        };
        let (Some(backend), Some(server)) = (field(Some(backend)), field(Some(server))) else {
            continue;
        };
        let address = match (field(addr), field(port)) {
            (Some(ip), Some(port)) if ip.contains(':') => Some(format!("[{ip}]:{port}")),
            (Some(ip), Some(port)) => Some(format!("{ip}:{port}")),
            (ip, _) => ip.map(str::to_owned),
        };
        servers.push(ServerState {
            backend: backend.to_owned(),
            server: server.to_owned(),
            address,
            since_seconds: field(since).and_then(|value| value.parse().ok()),
        });
    }
    Ok(servers)
}

#[cfg(test)]
mod tests {
    use super::{ServerState, parse};

    /// The shape of HAProxy 2.6's answer, with fewer columns.
    const SHOW_SERVERS_STATE: &str = "1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_time_since_last_change srv_fqdn srv_port srvrecord
3 be_app 1 up1 127.0.0.1 2 0 3 - 18081 -
4 be_v6 1 sv6 ::1 0 0 1 - 18090 -
5 be_dns 1 api - 0 0 7 api.example 0 -

";

    #[test]
    fn reads_addresses_and_ages() {
        let state = |backend: &str, server: &str, address: Option<&str>, since| ServerState {
            backend: backend.to_owned(),
            server: server.to_owned(),
            address: address.map(str::to_owned),
            since_seconds: Some(since),
        };
        assert_eq!(
            parse(SHOW_SERVERS_STATE),
            Ok(vec![
                state("be_app", "up1", Some("127.0.0.1:18081"), 3),
                state("be_v6", "sv6", Some("[::1]:18090"), 1),
                state("be_dns", "api", None, 7),
            ])
        );
    }

    #[test]
    fn refuses_what_is_not_a_server_state_table() {
        assert!(parse("Permission denied\n\n").is_err());
        assert!(parse("1\nno header\n").is_err());
    }
}
