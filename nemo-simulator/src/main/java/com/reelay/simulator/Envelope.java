package com.reelay.simulator;

/** The three response wrappings a NemoVideo client has to unwrap. */
public enum Envelope {
    /** {@code {"code":0,"message":"success","data":{…}}} */
    CODE,
    /** {@code {"success":true,"data":{…}}} */
    SUCCESS,
    /** The data object itself, no wrapper. */
    BARE
}
