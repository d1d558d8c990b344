"""The long-running deskbreak process: wiring of core, log, scheduler, adapters and control channel."""
