//! The server instances under test: processes of the real binary on loopback ports, watched
//! for their peak resident memory, and killed (SIGKILL) and restarted in crash mode.

use crate::Flags;
use std::{
    path::PathBuf,
    process::Stdio,
    time::{Duration, Instant},
};
use tokio::process::{Child, Command};

struct Instance {
    port: u16,
    child: Child,
    /// The highest peak RSS of this instance's earlier processes (before a restart), in KiB.
    earlier_peak_kib: u64,
}

pub struct Fleet {
    bin: PathBuf,
    config: PathBuf,
    instances: Vec<Instance>,
    limit: Duration,
}

impl Fleet {
    pub async fn start(
        flags: &Flags,
        config: &tempfile::NamedTempFile,
        limit: Duration,
    ) -> Result<Self, String> {
        let mut fleet = Self {
            bin: flags.server_bin.clone(),
            config: config.path().to_owned(),
            instances: Vec::new(),
            limit,
        };
        for i in 0..flags.instances {
            let port = flags.port + u16::try_from(i).map_err(|_| "too many instances")?;
            let child = fleet.spawn(port)?;
            fleet.instances.push(Instance {
                port,
                child,
                earlier_peak_kib: 0,
            });
        }
        for instance in &fleet.instances {
            wait_ready(instance.port, limit).await?;
        }
        Ok(fleet)
    }

    fn spawn(&self, port: u16) -> Result<Child, String> {
        Command::new(&self.bin)
            .arg("--config")
            .arg(&self.config)
            .arg("serve")
            .env("DROPSLOT_SERVER__ADDR", format!("127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.bin.display()))
    }

    pub fn urls(&self) -> Vec<String> {
        self.instances
            .iter()
            .map(|i| format!("http://127.0.0.1:{}", i.port))
            .collect()
    }

    /// Kills the first instance without warning (SIGKILL), then starts it again on the same
    /// database and port and waits until it serves.
    pub async fn crash_and_restart(&mut self) -> Result<(), String> {
        let limit = self.limit;
        let instance = &mut self.instances[0];
        instance.earlier_peak_kib = instance.earlier_peak_kib.max(peak_kib(instance.child.id()));
        instance
            .child
            .kill()
            .await
            .map_err(|e| format!("kill: {e}"))?;
        let port = instance.port;
        let child = self.spawn(port)?;
        self.instances[0].child = child;
        wait_ready(port, limit).await
    }

    /// The highest peak resident memory of any instance, in MB.
    pub fn peak_rss_mb(&self) -> u64 {
        self.instances
            .iter()
            .map(|i| i.earlier_peak_kib.max(peak_kib(i.child.id())))
            .max()
            .unwrap_or(0)
            / 1024
    }

    pub async fn stop(mut self) {
        for instance in &mut self.instances {
            let _ = instance.child.kill().await;
        }
    }
}

/// VmHWM: the process's peak resident set, in KiB (0 when it cannot be read).
fn peak_kib(pid: Option<u32>) -> u64 {
    pid.and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

async fn wait_ready(port: u16, limit: Duration) -> Result<(), String> {
    let client = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/readyz");
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Ok(response) = client.get(&url).send().await
            && response.status().is_success()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("the server on port {port} did not become ready"))
}
