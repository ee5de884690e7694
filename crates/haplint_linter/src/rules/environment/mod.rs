pub mod peers_without_local_peer;
