use clap::{Parser, Subcommand};
use server::{config::Config, telemetry};
use std::{path::PathBuf, process::ExitCode};

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
        /// Add the demo stores (idempotent).
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
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
        Command::Serve { demo } => server::serve(config, demo).await,
        Command::Migrate => server::open_database(&config.database).await.map(|db| {
            println!("migrations applied ({:?})", db.engine());
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
