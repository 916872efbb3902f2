"""Validate the iraq-election-seats data package: `python validate.py [datapackage.json] [--json]`."""

if __name__ == "__main__":
    # the process is set up first of all: from here on, Ctrl-C at any moment ends it quietly
    from iraq_election_seats.process import end, prepare

    prepare()
    from iraq_election_seats.cli import main

    end(main())
