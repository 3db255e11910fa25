use app::{
    i18n::Language,
    identity::{model::Registration, service::AdminProvisioned},
};
use clap::{Parser, Subcommand};
use server::{config::Config, startup, telemetry};
use std::{io::BufRead, path::PathBuf, process::ExitCode};

// A page render is hundreds of small allocations on every worker thread at once: glibc's
// allocator spent a tenth of a drop page's time in malloc and free, contended.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// DropSlot: limited product drops, booked fairly.
#[derive(Parser)]
#[command(name = "dropslot", version)]
struct Cli {
    /// A TOML configuration file layered over the built-in defaults.
    #[arg(long, env = "DROPSLOT_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the application.
    Serve {
        /// Add the demo accounts and stores (idempotent).
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a platform admin account, or with --promote-existing make an existing confirmed
    /// account one. The password is read from the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
        /// Make an existing, confirmed account with this email a platform admin (its password
        /// stays; the one read is not used).
        #[arg(long)]
        promote_existing: bool,
    },
    /// Put the events that failed delivery too often (dead letters) back in line, once what
    /// failed them is fixed.
    RequeueDeadEvents,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&config.log);
    let result = match cli.command {
        Command::Serve { demo } => server::serve(config, demo).await.map_err(|e| e.to_string()),
        Command::Migrate => server::open_database(&config.database)
            .await
            .map(|db| println!("migrations applied ({:?})", db.engine()))
            .map_err(|e| e.to_string()),
        Command::CreateAdmin {
            email,
            name,
            promote_existing,
        } => create_admin(&config, &email, &name, promote_existing).await,
        Command::RequeueDeadEvents => requeue_dead_events(&config).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn create_admin(
    config: &Config,
    email: &str,
    name: &str,
    promote_existing: bool,
) -> Result<(), String> {
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    let registration = Registration::parse(email, name, password.trim_end_matches(['\r', '\n']))
        .map_err(|errors| {
            errors
                .in_language(Language::En)
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        })?;
    let db = server::open_database(&config.database)
        .await
        .map_err(|e| e.to_string())?;
    let services = startup::build_services(db, config).map_err(|e| e.to_string())?;
    match services
        .identity
        .provision_admin(registration, promote_existing)
        .await
        .map_err(|e| e.to_string())?
    {
        AdminProvisioned::Created(id) => println!("created platform admin {email} ({id})"),
        AdminProvisioned::Promoted(id) => {
            println!("promoted the existing account {email} ({id}) to platform admin");
        }
    }
    Ok(())
}

async fn requeue_dead_events(config: &Config) -> Result<(), String> {
    let db = server::open_database(&config.database)
        .await
        .map_err(|e| e.to_string())?;
    let services = startup::build_services(db, config).map_err(|e| e.to_string())?;
    let requeued = services
        .outbox
        .requeue_dead_letters()
        .await
        .map_err(|e| e.to_string())?;
    println!("{requeued} dead events put back in line for delivery");
    Ok(())
}
