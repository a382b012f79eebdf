# BackOffice: the two commands of the README, and the benchmarks.
#   make run    build when sources changed, migrate, seed the demo county when the database is empty, serve http://127.0.0.1:5080
#   make test   install what the tests need (Chromium, ...), then run every test
SHELL := /bin/bash
CONFIG ?= Debug
APP_DIR := src/BackOffice
APP := $(APP_DIR)/bin/$(CONFIG)/net10.0/BackOffice
DATA ?= $(CURDIR)/data
# Rebuild only when a source changed: a no-op `dotnet build` alone costs seconds at every start.
SOURCES := $(shell find src migrations -type f \( -name '*.cs' -o -name '*.razor' -o -name '*.csproj' -o -name '*.json' -o -name '*.css' -o -name '*.js' \) -not -path '*/bin/*' -not -path '*/obj/*') Directory.Build.props

.PHONY: verify-audit run run-mariadb run-cluster test build bench bench-cases bench-inbox bench-efile bench-dashboards bench-exports bench-exports bench-circuits bench-startup bench-intake bench-forms bench-contexts bench-scan bench-letters bench-cluster clean-data

$(APP): $(SOURCES)
	dotnet build $(APP_DIR) -c $(CONFIG) --nologo -v quiet -clp:ErrorsOnly
	@touch $@

build: $(APP)

run: $(APP)
	scripts/install-run-deps.sh
	cd $(APP_DIR) && ASPNETCORE_ENVIRONMENT=Development BackOffice__SeedDemoData=true BackOffice__Scanning__DemoScans=true BackOffice__DataDirectory=$(DATA) exec ./bin/$(CONFIG)/net10.0/BackOffice

# The same demo on a local MariaDB server that this starts (data-mariadb/: the server's files, documents, keys).
run-mariadb: $(APP)
	scripts/install-run-deps.sh
	cs=$$(scripts/mariadb.sh start $(CURDIR)/data-mariadb/server | tail -1) && cd $(APP_DIR) && \
	  ASPNETCORE_ENVIRONMENT=Development BackOffice__SeedDemoData=true BackOffice__Scanning__DemoScans=true BackOffice__DataDirectory=$(CURDIR)/data-mariadb \
	  BackOffice__Database__Provider=MariaDb BackOffice__Database__ConnectionString="$$cs" exec ./bin/$(CONFIG)/net10.0/BackOffice

# The demo on several instances: three Galera nodes, Redis, two app instances and HAProxy at http://127.0.0.1:5080
# (data-cluster/: the nodes' files, the shared documents, the logs).
run-cluster: $(APP)
	CONFIG=$(CONFIG) scripts/run-cluster.sh $(CURDIR)/data-cluster

# Recomputes the audit trail's hash chain of the embedded database (exit 1 and the first broken entry when it is broken).
verify-audit: $(APP)
	cd $(APP_DIR) && BackOffice__DataDirectory=$(DATA) ./bin/$(CONFIG)/net10.0/BackOffice verify-audit

test:
	scripts/install-test-deps.sh
	mkdir -p TestResults
	set -o pipefail; dotnet test BackOffice.sln -c $(CONFIG) --nologo -v quiet --logger "console;verbosity=normal" | tee TestResults/test-output.log; \
	  status=$$?; if [ $$status -ne 0 ]; then echo "Failed tests, repeated:"; scripts/test-failures.sh TestResults/test-output.log; exit $$status; fi
	@scripts/engine-count.sh TestResults/test-output.log

# Long benchmarks, not part of `make test`.
bench: bench-cases bench-inbox bench-efile bench-dashboards bench-exports bench-circuits bench-startup bench-intake bench-scan

bench-cases:
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- cases

bench-inbox:
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- inbox

bench-efile:
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- efile

bench-dashboards:
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- dashboards

# Python's xlsxwriter beside openpyxl (which make test installs) for the comparison.
bench-exports:
	/usr/bin/python3 -c "import xlsxwriter" 2>/dev/null || scripts/apt-install.sh python3-xlsxwriter
	scripts/install-test-deps.sh
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- exports

bench-circuits:
	scripts/bench-circuits.sh 50

bench-startup: $(APP)
	scripts/measure-startup.sh

bench-intake:
	scripts/bench-intake.sh 60 16 both

# Hostile official forms: a 1 GB zip bomb refused at upload and filling, the largest range filled (time, memory).
bench-forms:
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- forms

# Database contexts per triage action on the Posteingang (one item, a selection of 20), counted from the app's log.
bench-contexts:
	scripts/bench-contexts.sh

# The Scanstelle: pages/min beside ocrmypdf alone, folder-to-Posteingang time, routing accuracy, memory on a big batch.
# BENCH_SCAN_ARGS="--pages 30 --big-pages 300 --letters 500" (the defaults); --big-pages 0 leaves the big batch out.
bench-scan:
	scripts/install-run-deps.sh
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- scan $(BENCH_SCAN_ARGS)

# Letters: time to render a two-page Bescheid (p50, p95) and the PDF's size.
bench-letters:
	dotnet run -c Release --project tests/BackOffice.Benchmarks -- letters

# Several instances: intake with one and two instances on MariaDB and on Galera, failover times, live updates across instances.
bench-cluster:
	scripts/install-test-deps.sh
	scripts/bench-cluster.sh 30 16

clean-data:
	rm -rf $(DATA)
	-scripts/mariadb.sh stop $(CURDIR)/data-mariadb/server 2>/dev/null
	rm -rf $(CURDIR)/data-mariadb
	-scripts/cluster.sh stop $(CURDIR)/data-cluster/cluster 2>/dev/null
	rm -rf $(CURDIR)/data-cluster
