<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>CertificatesPage</name>
        <message numerus="yes">
            <source>%n certificate(s)</source>
            <translation>
                <numerusform>%Ln certificate</numerusform>
                <numerusform>%Ln certificates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Issued %n certificate(s).</source>
            <translation>
                <numerusform>Issued %Ln certificate.</numerusform>
                <numerusform>Issued %Ln certificates.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Sent %n page(s) to the printer.</source>
            <translation>
                <numerusform>Sent %Ln page to the printer.</numerusform>
                <numerusform>Sent %Ln pages to the printer.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChartData</name>
        <message numerus="yes">
            <source>Derived, not reported: the seasonal profile of %n sourced point(s)</source>
            <translation>
                <numerusform>Derived, not reported: the seasonal profile of %Ln sourced point</numerusform>
                <numerusform>Derived, not reported: the seasonal profile of %Ln sourced points</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CheckDialog</name>
        <message numerus="yes">
            <source>%n problem(s) found. Repair recomputes the summaries from the records.</source>
            <translation>
                <numerusform>%Ln problem found. Repair recomputes the summaries from the records.</numerusform>
                <numerusform>%Ln problems found. Repair recomputes the summaries from the records.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n problem(s) found that a repair cannot recompute; restore a backup or correct the records named below.</source>
            <translation>
                <numerusform>%Ln problem found that a repair cannot recompute; restore a backup or correct the records named below.</numerusform>
                <numerusform>%Ln problems found that a repair cannot recompute; restore a backup or correct the records named below.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HarvestModel</name>
        <message numerus="yes">
            <source>On %n shipment line(s)</source>
            <translation>
                <numerusform>On %Ln shipment line</numerusform>
                <numerusform>On %Ln shipment lines</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HarvestsPage</name>
        <message numerus="yes">
            <source>%1 harvest lot(s)</source>
            <translation>
                <numerusform>%1 harvest lot</numerusform>
                <numerusform>%1 harvest lots</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message numerus="yes">
            <source>%n change(s) recorded in the audit log.</source>
            <translation>
                <numerusform>%Ln change recorded in the audit log.</numerusform>
                <numerusform>%Ln changes recorded in the audit log.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IdListPage</name>
        <message numerus="yes">
            <source>Delete %n record(s)?</source>
            <translation>
                <numerusform>Delete %Ln record?</numerusform>
                <numerusform>Delete %Ln records?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shipment line(s)</source>
            <translation>
                <numerusform>%Ln shipment line</numerusform>
                <numerusform>%Ln shipment lines</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n certificate(s)</source>
            <translation>
                <numerusform>%Ln certificate</numerusform>
                <numerusform>%Ln certificates</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shipment(s)</source>
            <translation>
                <numerusform>%Ln shipment</numerusform>
                <numerusform>%Ln shipments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n harvest lot(s)</source>
            <translation>
                <numerusform>%Ln harvest lot</numerusform>
                <numerusform>%Ln harvest lots</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n payment(s)</source>
            <translation>
                <numerusform>%Ln payment</numerusform>
                <numerusform>%Ln payments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n plot(s)</source>
            <translation>
                <numerusform>%Ln plot</numerusform>
                <numerusform>%Ln plots</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n buyer(s)</source>
            <translation>
                <numerusform>%Ln buyer</numerusform>
                <numerusform>%Ln buyers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n × %1</source>
            <translation>
                <numerusform>%Ln × %1</numerusform>
                <numerusform>%Ln × %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s).</source>
            <translation>
                <numerusform>Copied %Ln row.</numerusform>
                <numerusform>Copied %Ln rows.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Paste %n row(s)</source>
            <translation>
                <numerusform>Paste %Ln row</numerusform>
                <numerusform>Paste %Ln rows</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) added</source>
            <translation>
                <numerusform>%Ln row added</numerusform>
                <numerusform>%Ln rows added</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message numerus="yes">
            <source>Import %n record(s)</source>
            <translation>
                <numerusform>Import %Ln record</numerusform>
                <numerusform>Import %Ln records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %n record(s) from %1.</source>
            <translation>
                <numerusform>Imported %Ln record from %1.</numerusform>
                <numerusform>Imported %Ln records from %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PasteDialog</name>
        <message numerus="yes">
            <source>%n row(s) pasted</source>
            <translation>
                <numerusform>%Ln row pasted</numerusform>
                <numerusform>%Ln rows pasted</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cell(s) to fix or drop (see their tooltips)</source>
            <translation>
                <numerusform>%Ln cell to fix or drop (see their tooltips)</numerusform>
                <numerusform>%Ln cells to fix or drop (see their tooltips)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) with problems</source>
            <translation>
                <numerusform>%Ln row with problems</numerusform>
                <numerusform>%Ln rows with problems</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) ready to save</source>
            <translation>
                <numerusform>%Ln row ready to save</numerusform>
                <numerusform>%Ln rows ready to save</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not pasted: %n column(s) beyond the last one</source>
            <translation>
                <numerusform>Not pasted: %Ln column beyond the last one</numerusform>
                <numerusform>Not pasted: %Ln columns beyond the last one</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message numerus="yes">
            <source>%n problem(s): correct the cells or drop their rows.</source>
            <translation>
                <numerusform>%Ln problem: correct the cells or drop their rows.</numerusform>
                <numerusform>%Ln problems: correct the cells or drop their rows.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>No problems: %n record(s) ready to import.</source>
            <translation>
                <numerusform>No problems: %Ln record ready to import.</numerusform>
                <numerusform>No problems: %Ln records ready to import.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecordBrowser</name>
        <message numerus="yes">
            <source>%n payment(s)</source>
            <translation>
                <numerusform>%Ln payment</numerusform>
                <numerusform>%Ln payments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n selected</source>
            <translation>
                <numerusform>%Ln selected</numerusform>
                <numerusform>%Ln selected</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n record(s)?</source>
            <translation>
                <numerusform>Delete %Ln record?</numerusform>
                <numerusform>Delete %Ln records?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s)</source>
            <translation>
                <numerusform>Copied %Ln row</numerusform>
                <numerusform>Copied %Ln rows</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message numerus="yes">
            <source>Already in %1: %n report(s) of this period.
Replace?</source>
            <translation>
                <numerusform>Already in %1: %Ln report of this period.
Replace?</numerusform>
                <numerusform>Already in %1: %Ln reports of this period.
Replace?</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message numerus="yes">
            <source>%n backup(s).</source>
            <translation>
                <numerusform>%Ln backup.</numerusform>
                <numerusform>%Ln backups.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SelectionSummary</name>
        <message numerus="yes">
            <source>%n cell(s)</source>
            <translation>
                <numerusform>%Ln cell</numerusform>
                <numerusform>%Ln cells</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShipmentDelete</name>
        <message numerus="yes">
            <source>Truck %1 has %n certificate(s).</source>
            <translation>
                <numerusform>Truck %1 has %Ln certificate.</numerusform>
                <numerusform>Truck %1 has %Ln certificates.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Void the certificates and delete %n truck(s)?</source>
            <translation>
                <numerusform>Void the certificates and delete %Ln truck?</numerusform>
                <numerusform>Void the certificates and delete %Ln trucks?</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShipmentForm</name>
        <message numerus="yes">
            <source>%n line(s)</source>
            <translation>
                <numerusform>%Ln line</numerusform>
                <numerusform>%Ln lines</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n line cell(s) to fix (marked red) or remove the line</source>
            <translation>
                <numerusform>%Ln line cell to fix (marked red) or remove the line</numerusform>
                <numerusform>%Ln line cells to fix (marked red) or remove the line</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShipmentModel</name>
        <message numerus="yes">
            <source>%n line(s) estimated from a count of packs (3袋), not weighed</source>
            <translation>
                <numerusform>%Ln line estimated from a count of packs (3袋), not weighed</numerusform>
                <numerusform>%Ln lines estimated from a count of packs (3袋), not weighed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShipmentsPage</name>
        <message numerus="yes">
            <source>Exported %n shipment line(s) to %1.</source>
            <translation>
                <numerusform>Exported %Ln shipment line to %1.</numerusform>
                <numerusform>Exported %Ln shipment lines to %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 shipment(s)</source>
            <translation>
                <numerusform>%1 shipment</numerusform>
                <numerusform>%1 shipments</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>commands</name>
        <message numerus="yes">
            <source>Add %n record(s)</source>
            <translation>
                <numerusform>Add %Ln record</numerusform>
                <numerusform>Add %Ln records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Edit %n record(s)</source>
            <translation>
                <numerusform>Edit %Ln record</numerusform>
                <numerusform>Edit %Ln records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n record(s)</source>
            <translation>
                <numerusform>Delete %Ln record</numerusform>
                <numerusform>Delete %Ln records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Void certificates and delete %n truck(s)</source>
            <translation>
                <numerusform>Void certificates and delete %Ln truck</numerusform>
                <numerusform>Void certificates and delete %Ln trucks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Archive %n record(s)</source>
            <translation>
                <numerusform>Archive %Ln record</numerusform>
                <numerusform>Archive %Ln records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restore %n record(s) from the archive</source>
            <translation>
                <numerusform>Restore %Ln record from the archive</numerusform>
                <numerusform>Restore %Ln records from the archive</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>database</name>
        <message numerus="yes">
            <source>Waiting for another program to finish writing to the database… (%n s)</source>
            <translation>
                <numerusform>Waiting for another program to finish writing to the database… (%Ln s)</numerusform>
                <numerusform>Waiting for another program to finish writing to the database… (%Ln s)</numerusform>
            </translation>
        </message>
    </context>
</TS>
