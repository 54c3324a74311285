@echo off
rem regsync for Windows Task Scheduler: runs in the regsync folder (the one above deploy\)
rem and appends what a failed run says to output\task.log. uv must be installed
rem (https://docs.astral.sh/uv/: powershell -c "irm https://astral.sh/uv/install.ps1 | iex").
cd /d "%~dp0..\.."
if not exist output mkdir output
uv run --quiet --frozen regsync run -q >> output\task.log 2>&1
exit /b %ERRORLEVEL%
